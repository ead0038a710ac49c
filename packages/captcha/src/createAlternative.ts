import { normalizeAnswer } from './normalizeAnswer.js';

/** The non-visual way through the check (RGAA criterion 1.5): a question anyone can answer in words. */
export interface Alternative {
  question: string;
  /** Accepted answers, already normalised with `normalizeAnswer`. */
  acceptedAnswers: string[];
}

const digitWords = ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf'];
const days = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

const commonKnowledge: ReadonlyArray<{ question: string; answers: string[] }> = [
  { question: 'Quelle est la couleur du ciel par beau temps ?', answers: ['bleu', 'bleue', 'bleu ciel', 'azur'] },
  { question: 'Quelle est la couleur de la neige ?', answers: ['blanc', 'blanche'] },
  { question: "Quelle est la couleur de l'herbe ?", answers: ['vert', 'verte'] },
  { question: 'Combien de pattes a un chat ?', answers: ['4'] },
  { question: 'Combien de jours y a-t-il dans une semaine ?', answers: ['7'] },
  { question: 'Combien de roues a un vélo ?', answers: ['2'] },
  { question: "Quel est le premier mois de l'année ?", answers: ['janvier'] },
];

/**
 * Draws a question: a small sum written in words (digits or words accepted), the day after a given
 * day, or a piece of common knowledge. Kept simple on purpose: the check must not exclude anyone.
 */
export function createAlternative(random: () => number): Alternative {
  const kind = random();
  if (kind < 0.5) {
    const a = 1 + Math.floor(random() * 9);
    const b = 1 + Math.floor(random() * 9);
    return {
      question: `Combien font ${digitWords[a]} plus ${digitWords[b]} ? (en chiffres ou en lettres)`,
      acceptedAnswers: [String(a + b)],
    };
  }
  if (kind < 0.75) {
    const i = Math.floor(random() * days.length);
    return {
      question: `Quel jour de la semaine vient après le ${days[i]} ?`,
      acceptedAnswers: [normalizeAnswer(days[(i + 1) % days.length]!)],
    };
  }
  const item = commonKnowledge[Math.floor(random() * commonKnowledge.length)]!;
  return { question: item.question, acceptedAnswers: item.answers.map(normalizeAnswer) };
}
