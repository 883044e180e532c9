// The kept image of a photo or drawing question, with its change and remove buttons.
import { KeptButtons, type Action } from '../attachment/AttachmentParts';
import { AttachmentThumbnail } from './AttachmentThumbnail';

type KeptProps = { name: string; alt: string; focus: boolean; change: Action; remove: Action };

export function KeptImage({ name, alt, focus, change, remove }: KeptProps) {
  return (
    <div className="photo-kept">
      <AttachmentThumbnail name={name} alt={alt} />
      <KeptButtons focus={focus} change={change} remove={remove} />
    </div>
  );
}
