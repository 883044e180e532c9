// A canvas to draw on with a finger, a pen or a mouse (pointer events, so all three alike), over a
// white sheet or an image to annotate. The parent reads the canvas through `canvasRef` to save it.
import { useEffect, useRef, type PointerEvent, type RefObject } from 'react';
import { lineWidth, padPoint, type Point } from './drawing-pad';
import type { Size } from './target-size';

/** An image to draw over (a chosen file or a camera frame), with its own size. */
export type Background = { image: ImageBitmap | VideoFrame; size: Size };

type Props = {
  canvasRef: RefObject<HTMLCanvasElement | null>;
  size: Size;
  background: Background | null;
  /** Changes to repaint the pad clean (the Clear button). */
  generation: number;
  label: string;
  describedBy: string;
  onInk(): void;
};

export function DrawingPad({ canvasRef, size, background, generation, label, describedBy, onInk }: Props) {
  const last = useRef<Point | null>(null);

  useEffect(() => {
    const context = canvasRef.current?.getContext('2d');
    if (!context) return;
    // An opaque white sheet: the PNG needs no transparency and its JPEG thumbnail stays white.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, size.width, size.height);
    if (background) context.drawImage(background.image, 0, 0, size.width, size.height);
  }, [canvasRef, size, background, generation]);

  const pointAt = (event: PointerEvent<HTMLCanvasElement>, client: { clientX: number; clientY: number }) =>
    padPoint(client.clientX, client.clientY, event.currentTarget.getBoundingClientRect(), size);

  const stroke = (event: PointerEvent<HTMLCanvasElement>) => {
    const context = event.currentTarget.getContext('2d');
    if (!context || last.current === null) return;
    context.strokeStyle = background ? '#d40000' : '#111111';
    context.lineCap = 'round';
    context.lineJoin = 'round';
    // Coalesced events: the points a fast stroke passed between two frames, so curves stay smooth.
    const native = event.nativeEvent;
    const samples = native.getCoalescedEvents?.() ?? [];
    for (const sample of samples.length > 0 ? samples : [native]) {
      const point = pointAt(event, sample);
      context.lineWidth = lineWidth(size, sample.pointerType, sample.pressure);
      context.beginPath();
      context.moveTo(last.current.x, last.current.y);
      context.lineTo(point.x, point.y);
      context.stroke();
      last.current = point;
    }
  };

  return (
    <canvas
      ref={canvasRef}
      className="drawing-pad"
      width={size.width}
      height={size.height}
      role="img"
      aria-label={label}
      aria-describedby={describedBy}
      style={{ aspectRatio: `${size.width} / ${size.height}` }}
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.currentTarget.setPointerCapture(event.pointerId);
        last.current = pointAt(event, event);
        // A tap leaves a dot: a line from the point to itself.
        stroke(event);
        onInk();
      }}
      onPointerMove={(event) => {
        if (last.current !== null) stroke(event);
      }}
      onPointerUp={() => (last.current = null)}
      onPointerCancel={() => (last.current = null)}
    />
  );
}
