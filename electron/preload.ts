// Exposes exactly one function to the renderer: a typed call over the IPC contract.
import { contextBridge, ipcRenderer } from 'electron';
import type { QuioscoBridge } from '../shared/ipc/contract';
import { IPC_CALL } from './ipc-channel';

const bridge = {
  call: (channel, input) => ipcRenderer.invoke(IPC_CALL, channel, input),
} satisfies QuioscoBridge;

contextBridge.exposeInMainWorld('quiosco', bridge);
