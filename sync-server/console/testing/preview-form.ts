// The form the preview tests walk: a skip-logic question (shown only to returning visitors), a
// question whose choices have images, labels in Spanish and English.
import { pngImage } from '../../branding/test-images';

export const PREVIEW_FORM = { formId: 'feria_vista', version: '3', title: 'Feria: su visita' } as const;

export const PREVIEW_SHEETS = {
  survey: [
    'type,name,label::Español (es),label::English (en),relevant,required',
    'select_one sino,primera,¿Es su primera visita?,Is this your first visit?,,yes',
    "select_one veces,veces,¿Cuántas veces ha venido?,How many times have you come?,${primera} = 'no',yes",
    'select_one fruta,fruta,Elija una fruta,Choose a fruit,,yes',
    '',
  ].join('\n'),
  choices: [
    'list_name,name,label::Español (es),label::English (en),media::image',
    'sino,si,Sí,Yes,',
    'sino,no,No,No,',
    'veces,dos,Dos o tres,Two or three,',
    'veces,muchas,Muchas,Many,',
    'fruta,durazno,Durazno,Peach,durazno.png',
    'fruta,pera,Pera,Pear,pera.png',
    '',
  ].join('\n'),
  settings: `form_id,version,form_title,default_language\n${PREVIEW_FORM.formId},${PREVIEW_FORM.version},${PREVIEW_FORM.title},es\n`,
};

export const PREVIEW_MEDIA = {
  'durazno.png': pngImage(16, 16, [250, 160, 90]),
  'pera.png': pngImage(16, 16, [160, 200, 60]),
};

/** The upload request body of the console and POST /v1/events/:id/forms. */
export const previewUpload = () => ({
  ...PREVIEW_SHEETS,
  media: Object.entries(PREVIEW_MEDIA).map(([name, bytes]) => ({ name, base64: bytes.toString('base64') })),
});
