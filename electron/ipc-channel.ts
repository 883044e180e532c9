/** The single Electron IPC channel; the contract's channel name travels as its first argument. */
export const IPC_CALL = 'quiosco:call';
