import { normalizeAnswer } from "./normalizeAnswer.js";

/** The non-visual way through the check (RGAA criterion 1.5): a question anyone can answer in words. */
export interface Alternative {
  question: string;
  /** Accepted answers, already normalised with `normalizeAnswer`. */
  acceptedAnswers: string[];
}

type Random = () => number;
type Draw = (random: Random) => { question: string; answers: Array<string | number> };

const numberWords = [
  "zéro",
  "un",
  "deux",
  "trois",
  "quatre",
  "cinq",
  "six",
  "sept",
  "huit",
  "neuf",
  "dix",
  "onze",
  "douze",
  "treize",
  "quatorze",
  "quinze",
  "seize",
  "dix-sept",
  "dix-huit",
  "dix-neuf",
  "vingt",
];
const ordinals = ["premier", "deuxième", "troisième", "quatrième", "cinquième", "sixième"];
const days = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
const months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
const sentences = [
  "Le facteur apporte le courrier chaque matin",
  "Ma voisine arrose ses tomates le soir",
  "Le marché ouvre ses portes samedi",
  "Nous prenons le train pour Carcassonne",
  "La mairie ferme à midi le mercredi",
  "Le chat dort près de la fenêtre",
  "Mon frère répare son vélo rouge",
  "Les enfants jouent dans la cour",
  "Il pleut souvent en automne ici",
  "La boulangère vend du pain chaud",
  "Le canal traverse tout le village",
  "Grand-mère prépare une soupe de légumes",
  "Le bus passe devant la poste",
  "Les hirondelles reviennent au printemps",
];
const words = [
  "maison",
  "jardin",
  "fenêtre",
  "chemin",
  "rivière",
  "pomme",
  "école",
  "cheval",
  "montagne",
  "lumière",
  "village",
  "bateau",
  "fromage",
  "tortue",
  "crayon",
  "soleil",
  "cuisine",
  "nuage",
];
/** [the thing after «la couleur», the thing alone, its colours]. */
const colours: ReadonlyArray<[string, string, string[]]> = [
  ["d’une tomate mûre", "une tomate mûre", ["rouge"]],
  ["du charbon", "le charbon", ["noir"]],
  ["du lait", "le lait", ["blanc"]],
  ["de la neige fraîche", "la neige fraîche", ["blanc", "blanche"]],
  ["d’un citron", "un citron", ["jaune"]],
  ["d’une carotte", "une carotte", ["orange"]],
  ["de l’herbe au printemps", "l’herbe au printemps", ["vert", "verte"]],
  ["du ciel d’été sans nuages", "le ciel d’été sans nuages", ["bleu", "bleue", "bleu ciel", "azur"]],
  ["d’un corbeau", "un corbeau", ["noir"]],
  ["d’un petit pois", "un petit pois", ["vert"]],
  ["d’une fraise", "une fraise", ["rouge"]],
  ["d’un tournesol", "un tournesol", ["jaune"]],
];

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
/** A small number, written in words or in digits at random. */
const say = (random: Random, n: number) => (random() < 0.6 ? numberWords[n]! : String(n));
const guillemets = (text: string) => `« ${text} »`;
/** French typography: a no-break space before : ; ! ? » and after «, so no sign wraps alone on a phone. */
const unbreakableSigns = (text: string) => text.replace(/ ([:;!?»])/g, "\u00a0$1").replace(/« /g, "«\u00a0");

/**
 * The kinds of question, each with several phrasings and random values: a script needs a parser for
 * every one of them, and a person reads each in a second. Answers stay small words or numbers up
 * to twenty, so they may be typed in digits or in words.
 */
const draws: readonly Draw[] = [
  (r) => {
    const a = between(r, 2, 9),
      b = between(r, 1, 9);
    const question = pick(r, [
      `Ajoutez ${say(r, a)} à ${say(r, b)} : quel nombre obtenez-vous ?`,
      `Si vous avez ${say(r, a)} billes et qu’on vous en donne ${say(r, b)}, combien en avez-vous ?`,
      `${say(r, a)} et ${say(r, b)}, cela fait combien en tout ?`,
      `Quelle est la somme de ${say(r, a)} et de ${say(r, b)} ?`,
    ]);
    return { question: question[0]!.toUpperCase() + question.slice(1), answers: [a + b] };
  },
  (r) => {
    const a = between(r, 6, 20),
      b = between(r, 1, a - 1);
    return {
      question: pick(r, [
        `Retirez ${say(r, b)} de ${say(r, a)} : que reste-t-il ?`,
        `Vous avez ${say(r, a)} euros et vous en dépensez ${say(r, b)}. Combien vous en reste-t-il ?`,
        `Quel nombre obtient-on en enlevant ${say(r, b)} à ${say(r, a)} ?`,
      ]),
      answers: [a - b],
    };
  },
  (r) => {
    const n = between(r, 2, 5);
    return pick(r, [
      () => ({ question: `Combien de roues ont ${say(r, n)} voitures, à quatre roues chacune ?`, answers: [4 * n] }),
      () => ({ question: `Combien de pattes ont ${say(r, n)} chats en tout ?`, answers: [4 * n] }),
      () => ({ question: `Quel est le double de ${say(r, n + 3)} ?`, answers: [2 * (n + 3)] }),
    ])();
  },
  (r) => {
    const sentence = pick(r, sentences);
    const parts = sentence.split(" ");
    const i = between(r, 0, Math.min(parts.length, ordinals.length) - 1);
    const nth = i === 0 ? "premier" : ordinals[i]!;
    return {
      question: pick(r, [`Quel est le ${nth} mot de la phrase ${guillemets(sentence)} ?`, `Dans la phrase ${guillemets(sentence)}, quel est le ${nth} mot ?`]),
      answers: [parts[i]!],
    };
  },
  (r) => {
    const [of, alone, answers] = pick(r, colours);
    return { question: pick(r, [`Quelle est la couleur ${of} ?`, `De quelle couleur est ${alone} ?`]), answers };
  },
  (r) => {
    const i = between(r, 0, 6);
    const shift = pick(r, [-1, 1, 2]);
    const day = days[i]!;
    const answer = days[(i + shift + 7) % 7]!;
    const question =
      shift === 1
        ? pick(r, [`Aujourd’hui nous sommes ${day}. Quel jour serons-nous demain ?`, `Quel jour suit le ${day} ?`])
        : shift === 2
          ? pick(r, [`Aujourd’hui nous sommes ${day}. Quel jour serons-nous après-demain ?`, `Quel jour tombe deux jours après le ${day} ?`])
          : pick(r, [`Aujourd’hui nous sommes ${day}. Quel jour étions-nous hier ?`, `Quel jour précède le ${day} ?`]);
    return { question, answers: [answer] };
  },
  (r) => {
    const i = between(r, 0, 11);
    return pick(r, [
      () => ({ question: `Quel mois vient juste après ${months[i]} ?`, answers: [months[(i + 1) % 12]!] }),
      () => ({ question: `Quel mois vient juste avant ${months[i]} ?`, answers: [months[(i + 11) % 12]!] }),
      () => ({ question: `Combien de mois y a-t-il de janvier à ${months[i]}, ces deux mois compris ?`, answers: [i + 1] }),
    ])();
  },
  (r) => {
    const word = pick(r, words);
    return pick(r, [
      () => ({ question: `Quelle est la première lettre du mot ${guillemets(word)} ?`, answers: [word[0]!] }),
      () => ({ question: `Quelle est la dernière lettre du mot ${guillemets(word)} ?`, answers: [word.at(-1)!] }),
      () => ({ question: `Combien de lettres compte le mot ${guillemets(word)} ?`, answers: [word.length] }),
    ])();
  },
  (r) => {
    const values = new Set<number>();
    while (values.size < 3) values.add(between(r, 1, 20));
    const [a, b, c] = [...values] as [number, number, number];
    const biggest = r() < 0.5;
    return {
      question: `Quel est le plus ${biggest ? "grand" : "petit"} nombre parmi ${say(r, a)}, ${say(r, b)} et ${say(r, c)} ?`,
      answers: [biggest ? Math.max(a, b, c) : Math.min(a, b, c)],
    };
  },
  (r) => {
    const n = between(r, 1, 18);
    return pick(r, [
      () => ({ question: `Quel nombre vient juste après ${say(r, n)} ?`, answers: [n + 1] }),
      () => ({ question: `Quel nombre vient juste avant ${say(r, n + 1)} ?`, answers: [n] }),
      () => ({ question: `En comptant de deux en deux, quel nombre suit ${say(r, n)} ?`, answers: [n + 2] }),
    ])();
  },
];

/**
 * Draws a question from a large generated pool (kinds × phrasings × values). Kept simple on
 * purpose: the check must not exclude anyone. Accepted answers are normalised, so accents, case,
 * a leading article and digits-or-words never cost a try.
 */
export function createAlternative(random: Random): Alternative {
  const { question, answers } = pick(random, draws)(random);
  return { question: unbreakableSigns(question), acceptedAnswers: [...new Set(answers.map((a) => normalizeAnswer(String(a))))] };
}
