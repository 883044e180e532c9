import { useMemo } from 'react';
import { qrShape } from './qr-path';

/** Light modules around the code, as the QR standard asks, so scanners find its edges. */
const QUIET_ZONE = 4;

type Props = { text: string; label: string; className?: string };

export function QrCode({ text, label, className }: Props) {
  const { size, path } = useMemo(() => qrShape(text), [text]);
  const side = size + QUIET_ZONE * 2;
  return (
    <svg
      className={className ? `qr ${className}` : 'qr'}
      role="img"
      aria-label={label}
      viewBox={`${-QUIET_ZONE} ${-QUIET_ZONE} ${side} ${side}`}
      shapeRendering="crispEdges"
    >
      <rect x={-QUIET_ZONE} y={-QUIET_ZONE} width={side} height={side} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
