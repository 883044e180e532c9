// Answers to the three demo forms: a fixed economic-impact response along the survey's longest
// path (engine tests and the engine benchmark), and seeded random responses to each form that
// follow its skip logic, as the kiosk stores them (the export benchmark and `quiosco admin
// demo-data`). The random ones carry what makes exports hard: skipped questions, repeats,
// accents, emoji, quotes, commas and line breaks.
import type { Answers, FormDefinition } from '../form-definition';

export const SURVEY_LONGEST_PATH: Answers = {
  acepta: 'si',
  pais: 'mx',
  estado: 'hgo',
  municipio: 'santiago_de_anaya',
  edad: '30_44',
  sexo: 'mujer',
  escolaridad: 'licenciatura',
  primera_vez: 'no',
  veces_anteriores: 3,
  como_se_entero: ['redes', 'otro'],
  como_se_entero_otro: 'Un cartel en el mercado',
  motivo: 'gastronomia',
  tamano_grupo: 4,
  transporte: 'auto',
  pernocta: 'si',
  noches: 2,
  hospedaje: 'posada',
  gasto_alimentos: 850.5,
  gasto_artesanias: 300,
  gasto_hospedaje: 1200,
  gasto_transporte: 400,
  gasto_otros: 0,
  satisfaccion: '5',
  recomendaria: 10,
};

/** A number in [0, 1), from a seeded generator (shared/random/seeded-random.ts). */
export type Random = () => number;
/** One random response to a form, given that form's definition (its choice lists). */
export type AnswerGenerator = (rand: Random, definition: FormDefinition) => Answers;

function draws(rand: Random) {
  const one = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  return {
    one,
    int: (min: number, max: number) => min + Math.floor(rand() * (max - min + 1)),
    chance: (p: number) => rand() < p,
  };
}

/** Draws, plus the codes of the form's choice lists (from its definition, so any version fits). */
function formDraws(rand: Random, definition: FormDefinition) {
  const own = draws(rand);
  const codes = (list: string) => (definition.choices[list] ?? []).map((c) => c.name);
  return { ...own, codes, pick: (list: string) => own.one(codes(list)) };
}

const COMMENTS = [
  'Muy rica la barbacoa, volveremos',
  'Faltan baños, y sombra',
  'Excelente "mixiote"; precios justos',
  'Todo bien 😊',
  'Más estacionamiento, por favor\ny mejor señalización',
  '+1 a la música en vivo, 10/10',
];

/** An economic-impact response along the survey's skip logic (gasto_total filled in). */
export function randomSurveyAnswers(rand: Random, definition: FormDefinition): Answers {
  const { codes, pick } = formDraws(rand, definition);
  const money = (max: number) => Math.round(rand() * max * 100) / 100;
  if (rand() < 0.04) return { acepta: 'no' };
  const a: Answers = { acepta: 'si', pais: rand() < 0.85 ? 'mx' : pick('pais') };
  if (a.pais === 'mx') {
    a.estado = rand() < 0.6 ? 'hgo' : pick('estado');
    if (a.estado === 'hgo') a.municipio = pick('municipio_hgo');
  }
  a.edad = pick('rango_edad');
  if (rand() < 0.9) a.sexo = pick('sexo');
  if (rand() < 0.8) a.escolaridad = pick('escolaridad');
  a.primera_vez = rand() < 0.4 ? 'si' : 'no';
  if (a.primera_vez === 'no') a.veces_anteriores = 1 + Math.floor(rand() * 10);
  const heard = codes('medio_enterado').filter(() => rand() < 0.3);
  a.como_se_entero = heard.length > 0 ? heard : ['redes'];
  if (heard.includes('otro')) a.como_se_entero_otro = 'Cartel en la plaza, Actopan';
  a.motivo = pick('motivo');
  a.tamano_grupo = 1 + Math.floor(rand() * 8);
  a.transporte = pick('transporte');
  a.pernocta = rand() < 0.3 ? 'si' : 'no';
  if (a.pernocta === 'si') {
    a.noches = 1 + Math.floor(rand() * 3);
    a.hospedaje = pick('hospedaje');
  }
  a.gasto_alimentos = money(1500);
  a.gasto_artesanias = money(800);
  if (a.pernocta === 'si') a.gasto_hospedaje = money(3000);
  a.gasto_transporte = money(600);
  a.gasto_otros = rand() < 0.7 ? 0 : money(400);
  const spent = ['gasto_alimentos', 'gasto_artesanias', 'gasto_hospedaje', 'gasto_transporte', 'gasto_otros'];
  a.gasto_total = Math.round(spent.reduce((sum, k) => sum + Number(a[k] ?? 0), 0) * 100) / 100;
  a.satisfaccion = String(Math.min(5, 2 + Math.floor(rand() * 4.5)));
  a.recomendaria = Math.floor(rand() * 11);
  if (rand() < 0.2) a.comentarios = COMMENTS[Math.floor(rand() * COMMENTS.length)] as string;
  return a;
}

const FIRST_NAMES = [
  'María José',
  'José Luis',
  'Guadalupe',
  'Ana Sofía',
  'Ximena',
  'Iñaki',
  'Renée',
  'Héctor',
  'Fátima',
  'Ángel',
  'Citlali',
  'Noé',
];
const NICKNAMES: Record<string, string> = { 'José Luis': 'Pepe', Guadalupe: 'Lupita', 'María José': 'Majo' };
const SURNAMES = ['Hernández', 'Núñez', 'Peña', 'Ávila', 'Muñoz', 'Téllez', 'Badillo', 'Cruz', 'Ortiz'];
const SCHOOLS = [
  'Primaria "Benito Juárez", turno matutino',
  'Secundaria Técnica n.º 12',
  'Telesecundaria 215 (El Arenal)',
  'Colegio Pachuca, A.C.',
  'Primaria bilingüe "Hñähñu"',
];

function personName(rand: Random): string {
  const { one, chance } = draws(rand);
  const first = one(FIRST_NAMES);
  const [surname, second] = [one(SURNAMES), one(SURNAMES)];
  if (chance(0.1)) return `${surname} ${second}, ${first}`;
  const nickname = NICKNAMES[first];
  if (nickname !== undefined && chance(0.3)) return `${first} "${nickname}" ${surname}`;
  return `${first} ${surname} ${second}`;
}

/** An address made from a name, as people type them: no accents, quotes or spaces. */
function emailOf(name: string): string {
  const local = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
  return `${local}@example.com`;
}

/** A visitor registration: on their own, as a family, or a school group (different questions). */
export function randomRegistrationAnswers(rand: Random, definition: FormDefinition): Answers {
  const { codes, one, pick, int, chance } = formDraws(rand, definition);
  const kind = rand() < 0.55 ? 'individual' : rand() < 0.78 ? 'familia' : 'escuela';
  const a: Answers = { acepta_aviso: 'si', tipo_visitante: kind };
  let contact: string;
  if (kind === 'escuela') {
    a.escuela = one(SCHOOLS);
    if (chance(0.7))
      a.cct = `13${one(['DPR', 'EST', 'DTV', 'PPR'])}${String(int(1, 9999)).padStart(4, '0')}${one(['A', 'B', 'K', 'X'])}`;
    contact = personName(rand);
    a.responsable = `${one(['Mtra.', 'Profr.', 'Profa.'])} ${contact}`;
    a.ninos = int(15, 45);
    a.adultos = int(1, 5);
  } else {
    contact = personName(rand);
    a.nombre = contact;
    if (kind === 'familia') {
      a.ninos = int(1, 4);
      a.adultos = int(1, 3);
    } else {
      a.edad = one(codes('rango_edad_lector').slice(1));
    }
  }
  if (chance(0.55)) a.correo = emailOf(contact);
  a.estado = chance(0.7) ? 'hgo' : pick('estado');
  if (a.estado === 'hgo') a.municipio = pick('municipio_hgo');
  if (chance(0.8)) {
    const liked = codes('intereses').filter(() => chance(0.35));
    a.intereses = liked.length > 0 ? liked : ['cuentacuentos'];
  }
  if (a.correo !== undefined && chance(0.85)) a.boletin = chance(0.6) ? 'si' : 'no';
  return a;
}

type Ingredient = { ingrediente: string; local?: string; origen: string; temporada?: string[] };
type Practice = {
  ambito: string;
  /** Who is recorded as the bearer: a person, a family or a group. */
  portadores: string[];
  rol: string;
  nombre: string;
  local?: string;
  comunidad: string;
  municipio: string;
  lenguas: string[];
  lenguaOtra?: string;
  descripcion: string;
  contexto: string[];
  utensilios?: string;
  ingredientes?: Ingredient[];
};

const PRACTICES: Practice[] = [
  {
    ambito: 'cocina',
    portadores: ['Doña María 🌽 Hernández', 'Guadalupe Santiago Cruz'],
    rol: 'cocinera',
    nombre: 'Escamoles a la mantequilla',
    local: 'azcamolli',
    comunidad: 'El Águila, Santiago',
    municipio: 'santiago_de_anaya',
    lenguas: ['espanol', 'hnahnu'],
    descripcion:
      'Se recolectan en marzo y abril, bajo los magueyes.\nSe limpian, se fríen con mantequilla, epazote y chile; "sin prisa".',
    contexto: ['fiesta_patronal', 'muestra'],
    utensilios: 'Cazuela de barro, cuchara de palo',
    ingredientes: [
      { ingrediente: 'Escamoles', local: 'azcamolli', origen: 'recoleccion', temporada: ['primavera'] },
      { ingrediente: 'Mantequilla, sin sal', origen: 'compra_local' },
      { ingrediente: 'Epazote 🌿', origen: 'cultivo', temporada: ['todo_el_ano'] },
      { ingrediente: 'Chile serrano', origen: 'compra_local' },
    ],
  },
  {
    ambito: 'cocina',
    portadores: ['Don Aurelio Badillo', 'Familia Peña, barbacoyeros'],
    rol: 'cocinera',
    nombre: 'Barbacoa de hoyo',
    comunidad: 'Actopan, barrio de Santa María',
    municipio: 'actopan',
    lenguas: ['espanol'],
    descripcion:
      'Se cava un hoyo de un metro, se calienta con leña y piedras.\nLa carne se envuelve en pencas de maguey y se tapa "hasta el otro día".',
    contexto: ['cotidiano', 'boda_bautizo', 'muestra'],
    utensilios: 'Horno de tierra, pencas, costales',
    ingredientes: [
      { ingrediente: 'Carne de borrego', origen: 'crianza', temporada: ['todo_el_ano'] },
      { ingrediente: 'Pencas de maguey', origen: 'recoleccion' },
      { ingrediente: 'Garbanzo, arroz y zanahoria (para el consomé)', origen: 'compra_local' },
    ],
  },
  {
    ambito: 'cocina',
    portadores: ['Rosa Ortiz Téllez'],
    rol: 'cocinera',
    nombre: 'Pastes de Real del Monte',
    comunidad: 'Real del Monte',
    municipio: 'mineral_del_monte',
    lenguas: ['espanol'],
    descripcion: 'Herencia de los mineros de Cornualles (1825): masa de harina rellena de papa y carne.',
    contexto: ['cotidiano', 'muestra'],
    ingredientes: [
      { ingrediente: 'Harina de trigo', origen: 'compra_fuera' },
      { ingrediente: 'Papa', origen: 'compra_local' },
      { ingrediente: 'Carne de res picada', origen: 'compra_local' },
    ],
  },
  {
    ambito: 'cocina',
    portadores: ['Doña Fátima Hernández', 'Cocineras de Tecoluco'],
    rol: 'cocinera',
    nombre: 'Zacahuil',
    comunidad: 'Huejutla, barrio Tecoluco',
    municipio: 'huejutla_de_reyes',
    lenguas: ['espanol', 'nahuatl'],
    descripcion:
      'Tamal de hasta dos metros, de masa martajada con chile, cocido toda la noche en horno de leña.',
    contexto: ['fiesta_patronal', 'dia_muertos'],
    utensilios: 'Horno de barro, hojas de papatla',
    ingredientes: [
      { ingrediente: 'Maíz quebrado', local: 'tlaolli', origen: 'cultivo', temporada: ['otono'] },
      { ingrediente: 'Carne de cerdo', origen: 'crianza' },
      { ingrediente: 'Hoja de papatla', origen: 'recoleccion', temporada: ['verano', 'otono'] },
    ],
  },
  {
    ambito: 'artesania',
    portadores: ['Hermanas Téllez, de Tenango', 'Citlali Cruz'],
    rol: 'artesana',
    nombre: 'Bordado tenango',
    comunidad: 'San Pablo el Grande',
    municipio: 'tenango_de_doria',
    lenguas: ['espanol', 'hnahnu'],
    descripcion:
      'Se dibuja en la manta y se borda con hilos de colores: animales, plantas y la fiesta del pueblo.\nUna pieza grande lleva meses.',
    contexto: ['cotidiano', 'muestra'],
    ingredientes: [
      { ingrediente: 'Manta de algodón', origen: 'compra_fuera' },
      { ingrediente: 'Hilo de algodón, de colores', origen: 'compra_fuera' },
    ],
  },
  {
    ambito: 'tradicion_oral',
    portadores: ['Don Noé Santiago'],
    rol: 'narrador',
    nombre: 'La leyenda del cerro del Xicuco',
    comunidad: 'San Nicolás',
    municipio: 'ixmiquilpan',
    lenguas: ['hnahnu', 'espanol'],
    descripcion: 'Relato que se cuenta en las noches de diciembre, con variantes por familia.',
    contexto: ['cotidiano'],
  },
  {
    ambito: 'artes_espectaculo',
    portadores: ['Trío "Los Cantores de la Sierra"'],
    rol: 'musico',
    nombre: 'Huapango huasteco (trío)',
    comunidad: 'Huejutla',
    municipio: 'huejutla_de_reyes',
    lenguas: ['espanol', 'nahuatl', 'otra'],
    lenguaOtra: 'Tének (huasteco)',
    descripcion: 'Violín, jarana y huapanguera; el falsete "se aprende oyendo", dicen los viejos.',
    contexto: ['fiesta_patronal', 'boda_bautizo', 'dia_muertos'],
    utensilios: 'Violín, jarana huasteca, quinta huapanguera',
  },
  {
    ambito: 'usos_sociales',
    portadores: ['Colectivo "Xajä"', 'Comparsa del barrio Centro'],
    rol: 'colectivo',
    nombre: 'Xantolo',
    local: 'Xantolo',
    comunidad: 'Atlapexco',
    municipio: 'atlapexco',
    lenguas: ['nahuatl', 'espanol'],
    descripcion: 'Fiesta de muertos de la Huasteca: arcos de flor de cempasúchil, comparsas y ofrendas.',
    contexto: ['dia_muertos'],
  },
];
const RECORDERS = ['Luis Ángel Ramírez', 'Ana Karen Ortiz', 'Brenda Muñoz'];
const CAPTIONS = ['Preparación,\npaso 1', 'Con su nieta 👵👧', 'Detalle', 'El resultado, listo para servir'];
const THREATS = [
  'Los jóvenes migran a EE. UU.; ya casi nadie aprende.',
  'Cada vez hay menos magueyes, y la recolección está regulada.',
];

/** A heritage record: consent, the bearer, the practice with its ingredients, and photos. */
export function randomHeritageAnswers(rand: Random, definition: FormDefinition): Answers {
  const { pick, one, int, chance } = formDraws(rand, definition);
  const p = one(PRACTICES);
  const photos = chance(0.8);
  const a: Answers = {
    consiente_registro: 'si',
    consiente_fotos: photos ? 'si' : 'no',
    consiente_publicacion: photos && chance(0.8) ? 'si' : 'no',
    nombre_portador: one(p.portadores),
    rol_portador: p.rol,
    comunidad: p.comunidad,
    municipio: p.municipio,
    lenguas: p.lenguas,
  };
  if (p.lenguaOtra !== undefined) a.lengua_otra = p.lenguaOtra;
  if (chance(0.7)) a.aprendio_de = one(['Su abuela, "Mamá Tere"', 'Su madre', 'La comunidad']);
  a.ambito = p.ambito;
  a.nombre_practica = p.nombre;
  if (p.local !== undefined) a.nombre_lengua_originaria = p.local;
  a.descripcion = p.descripcion;
  a.contexto = p.contexto;
  if (p.utensilios !== undefined) a.utensilios = p.utensilios;
  if (p.ingredientes !== undefined) {
    a.ingredientes = p.ingredientes.map((i) => ({
      ingrediente: i.ingrediente,
      ...(i.local !== undefined && { ingrediente_nombre_local: i.local }),
      ingrediente_origen: i.origen,
      ...(i.temporada !== undefined && { ingrediente_temporada: i.temporada }),
    }));
  }
  if (photos) {
    a.fotos = Array.from({ length: int(1, 4) }, () => ({
      foto: `IMG_${int(1000, 9999)}.jpg`,
      ...(chance(0.6) && { pie_foto: one(CAPTIONS) }),
    }));
  }
  a.riesgo = pick('riesgo');
  if (a.riesgo !== 'vigente' && chance(0.8)) a.amenazas = one(THREATS);
  a.registrado_por = one(RECORDERS);
  return a;
}
