// A stored photo, small: loaded once through attachment:get, scaled down in the photo worker and
// cached, so lists and review screens show many without holding full-size photos in memory.
import { useEffect, useState } from 'react';
import { useT } from '../i18n/use-t';
import { thumbnailOf } from './photo-store';
import './photo.css';

type Loaded = { name: string; url: string | null };

export function AttachmentThumbnail({ name, alt }: { name: string; alt: string }) {
  const { t } = useT();
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    let current = true;
    thumbnailOf(name).then(
      (url) => current && setLoaded({ name, url }),
      () => current && setLoaded({ name, url: null }),
    );
    return () => {
      current = false;
    };
  }, [name]);

  // Until this name's thumbnail is here, an empty frame of the same size (no jump when it arrives).
  if (loaded?.name !== name) return <span className="photo-thumbnail" aria-busy="true" />;
  if (loaded.url === null) {
    return <span className="photo-thumbnail missing">{t('photo.thumbnail.missing')}</span>;
  }
  return <img className="photo-thumbnail" src={loaded.url} alt={alt} data-attachment={name} />;
}
