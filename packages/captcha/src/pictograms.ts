import type { Pictogram } from "./pictogram.js";

/**
 * The pictures of the security check. Simple outlines that read at a glance and can't be taken
 * for one another, so the check tests presence, not eyesight or vocabulary.
 */
export const pictograms: readonly Pictogram[] = [
  {
    name: "crayon",
    label: "le crayon",
    draw: ({ n, stroke, fill }) =>
      `<rect x="${n(20)}" y="${n(41)}" width="${n(50)}" height="18" fill="${fill}" stroke="${stroke}"/>` +
      `<rect x="${n(10)}" y="${n(41)}" width="10" height="18" fill="${stroke}" stroke="${stroke}"/>` +
      `<polygon points="${n(70)},41 ${n(90)},50 ${n(70)},59" fill="none" stroke="${stroke}"/>` +
      `<polygon points="${n(84)},47 ${n(90)},50 ${n(84)},53" fill="${stroke}" stroke="${stroke}"/>` +
      `<line x1="${n(22)}" y1="50" x2="${n(68)}" y2="50" stroke="${stroke}"/>`,
  },
  {
    name: "maison",
    label: "la maison",
    draw: ({ n, stroke, fill }) =>
      `<polygon points="${n(14)},${n(50)} ${n(50)},${n(16)} ${n(86)},${n(50)}" fill="${fill}" stroke="${stroke}"/>` +
      `<rect x="${n(24)}" y="50" width="52" height="${n(36)}" fill="${fill}" stroke="${stroke}"/>` +
      `<rect x="${n(44)}" y="${n(64)}" width="13" height="22" fill="none" stroke="${stroke}"/>` +
      `<rect x="${n(30)}" y="${n(57)}" width="9" height="9" fill="none" stroke="${stroke}"/>`,
  },
  {
    name: "arbre",
    label: "l’arbre",
    draw: ({ n, stroke, fill }) => {
      const crown = [
        [34, 46, 17],
        [66, 46, 17],
        [50, 28, 19],
        [50, 52, 17],
      ].map(([cx, cy, r]) => [n(cx!), n(cy!), String(r)] as const);
      // Outlines first, then the same discs filled on top: only the outer edge of the crown shows.
      const outlines = crown.map(([cx, cy, r]) => `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="${stroke}"/>`);
      const discs = crown.map(([cx, cy, r]) => `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}" stroke="none"/>`);
      return `<path d="M${n(40)} 92 L${n(45)} 60 L${n(55)} 60 L${n(60)} 92 Z" fill="${stroke}" stroke="${stroke}"/>` + outlines.join("") + discs.join("");
    },
  },
  {
    name: "voiture",
    label: "la voiture",
    draw: ({ n, stroke, fill }) =>
      `<path d="M${n(8)} ${n(66)} L${n(8)} ${n(50)} L${n(26)} ${n(48)} L${n(36)} ${n(32)} L${n(66)} ${n(32)} ` +
      `L${n(76)} ${n(48)} L${n(92)} ${n(52)} L${n(92)} ${n(66)} Z" fill="${fill}" stroke="${stroke}"/>` +
      `<line x1="${n(51)}" y1="${n(34)}" x2="${n(51)}" y2="${n(48)}" stroke="${stroke}"/>` +
      `<line x1="${n(28)}" y1="${n(48)}" x2="${n(74)}" y2="${n(48)}" stroke="${stroke}"/>` +
      `<circle cx="${n(28)}" cy="${n(68)}" r="9" fill="#fff" stroke="${stroke}"/>` +
      `<circle cx="${n(72)}" cy="${n(68)}" r="9" fill="#fff" stroke="${stroke}"/>`,
  },
  {
    name: "chat",
    label: "le chat",
    draw: ({ n, stroke, fill }) =>
      `<polygon points="${n(24)},${n(44)} ${n(26)},${n(14)} ${n(44)},${n(30)}" fill="${fill}" stroke="${stroke}"/>` +
      `<polygon points="${n(76)},${n(44)} ${n(74)},${n(14)} ${n(56)},${n(30)}" fill="${fill}" stroke="${stroke}"/>` +
      `<circle cx="50" cy="${n(54)}" r="${n(30)}" fill="${fill}" stroke="${stroke}"/>` +
      `<circle cx="${n(39)}" cy="${n(48)}" r="3.5" fill="${stroke}" stroke="none"/>` +
      `<circle cx="${n(61)}" cy="${n(48)}" r="3.5" fill="${stroke}" stroke="none"/>` +
      `<polygon points="${n(46)},${n(58)} ${n(54)},${n(58)} 50,${n(63)}" fill="${stroke}" stroke="${stroke}"/>` +
      `<line x1="${n(12)}" y1="${n(58)}" x2="${n(38)}" y2="${n(62)}" stroke="${stroke}"/>` +
      `<line x1="${n(12)}" y1="${n(70)}" x2="${n(38)}" y2="${n(66)}" stroke="${stroke}"/>` +
      `<line x1="${n(88)}" y1="${n(58)}" x2="${n(62)}" y2="${n(62)}" stroke="${stroke}"/>` +
      `<line x1="${n(88)}" y1="${n(70)}" x2="${n(62)}" y2="${n(66)}" stroke="${stroke}"/>`,
  },
  {
    name: "soleil",
    label: "le soleil",
    draw: ({ n, stroke, fill }) => {
      const rays = Array.from({ length: 8 }, (_, i) => {
        const a = (i * Math.PI) / 4;
        return (
          `<line x1="${n(50 + 27 * Math.cos(a))}" y1="${n(50 + 27 * Math.sin(a))}" ` +
          `x2="${n(50 + 42 * Math.cos(a))}" y2="${n(50 + 42 * Math.sin(a))}" stroke="${stroke}"/>`
        );
      });
      return `<circle cx="${n(50)}" cy="${n(50)}" r="${n(19)}" fill="${fill}" stroke="${stroke}"/>` + rays.join("");
    },
  },
  {
    name: "clé",
    label: "la clé",
    draw: ({ n, stroke, fill }) =>
      `<circle cx="${n(26)}" cy="${n(50)}" r="${n(15)}" fill="${fill}" stroke="${stroke}"/>` +
      `<circle cx="${n(26)}" cy="${n(50)}" r="5" fill="#fff" stroke="${stroke}"/>` +
      `<line x1="${n(41)}" y1="50" x2="${n(90)}" y2="50" stroke="${stroke}"/>` +
      `<line x1="${n(78)}" y1="50" x2="${n(78)}" y2="${n(64)}" stroke="${stroke}"/>` +
      `<line x1="${n(88)}" y1="50" x2="${n(88)}" y2="${n(62)}" stroke="${stroke}"/>` +
      `<line x1="${n(68)}" y1="50" x2="${n(68)}" y2="${n(60)}" stroke="${stroke}"/>`,
  },
  {
    name: "parapluie",
    label: "le parapluie",
    draw: ({ n, stroke, fill }) =>
      `<path d="M${n(10)} 50 Q ${n(50)} ${n(-4)} ${n(90)} 50 Q ${n(80)} ${n(42)} ${n(70)} 50 Q ${n(60)} ${n(42)} 50 50 ` +
      `Q ${n(40)} ${n(42)} ${n(30)} 50 Q ${n(20)} ${n(42)} ${n(10)} 50 Z" fill="${fill}" stroke="${stroke}"/>` +
      `<path d="M50 50 L50 ${n(80)} Q 50 ${n(90)} ${n(41)} ${n(88)} Q ${n(34)} ${n(86)} ${n(36)} ${n(79)}" fill="none" stroke="${stroke}"/>`,
  },
  {
    name: "vélo",
    label: "le vélo",
    draw: ({ n, stroke }) =>
      `<circle cx="${n(24)}" cy="${n(64)}" r="${n(17)}" fill="none" stroke="${stroke}"/>` +
      `<circle cx="${n(76)}" cy="${n(64)}" r="${n(17)}" fill="none" stroke="${stroke}"/>` +
      `<path d="M${n(24)} ${n(64)} L${n(42)} ${n(38)} L${n(68)} ${n(38)} L${n(50)} ${n(64)} Z" fill="none" stroke="${stroke}"/>` +
      `<path d="M${n(50)} ${n(64)} L${n(38)} ${n(30)} M${n(31)} ${n(30)} L${n(45)} ${n(30)}" fill="none" stroke="${stroke}"/>` +
      `<path d="M${n(76)} ${n(64)} L${n(66)} ${n(26)} L${n(76)} ${n(24)}" fill="none" stroke="${stroke}"/>`,
  },
  {
    name: "poisson",
    label: "le poisson",
    draw: ({ n, stroke, fill }) =>
      `<path d="M${n(12)} 50 Q ${n(40)} ${n(18)} ${n(70)} 50 Q ${n(40)} ${n(82)} ${n(12)} 50 Z" fill="${fill}" stroke="${stroke}"/>` +
      `<polygon points="${n(68)},50 ${n(92)},${n(32)} ${n(90)},${n(68)}" fill="${fill}" stroke="${stroke}"/>` +
      `<circle cx="${n(28)}" cy="${n(46)}" r="3.5" fill="${stroke}" stroke="none"/>` +
      `<path d="M${n(42)} ${n(38)} Q ${n(48)} 50 ${n(42)} ${n(62)}" fill="none" stroke="${stroke}"/>`,
  },
  {
    name: "étoile",
    label: "l’étoile",
    draw: ({ n, stroke, fill }) => {
      const points = Array.from({ length: 10 }, (_, i) => {
        const r = i % 2 === 0 ? 42 : 17;
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        return `${n(50 + r * Math.cos(a))},${n(54 + r * Math.sin(a))}`;
      });
      return `<polygon points="${points.join(" ")}" fill="${fill}" stroke="${stroke}"/>`;
    },
  },
  {
    name: "tasse",
    label: "la tasse",
    draw: ({ n, stroke, fill }) =>
      `<path d="M${n(18)} ${n(40)} L${n(66)} ${n(40)} L${n(62)} ${n(76)} Q ${n(42)} ${n(82)} ${n(22)} ${n(76)} Z" fill="${fill}" stroke="${stroke}"/>` +
      `<path d="M${n(65)} ${n(47)} Q ${n(84)} ${n(46)} ${n(80)} ${n(58)} Q ${n(76)} ${n(68)} ${n(63)} ${n(66)}" fill="none" stroke="${stroke}"/>` +
      `<line x1="${n(10)}" y1="${n(86)}" x2="${n(76)}" y2="${n(86)}" stroke="${stroke}"/>` +
      `<path d="M${n(32)} ${n(32)} q ${n(-5)} ${n(-8)} 0 ${n(-16)} M${n(46)} ${n(32)} q ${n(-5)} ${n(-8)} 0 ${n(-16)}" fill="none" stroke="${stroke}"/>`,
  },
  {
    name: "fleur",
    label: "la fleur",
    draw: ({ n, stroke, fill }) => {
      const petals = Array.from({ length: 6 }, (_, i) => {
        const a = (i * Math.PI) / 3;
        return `<circle cx="${n(50 + 15 * Math.cos(a))}" cy="${n(36 + 15 * Math.sin(a))}" r="10" fill="${fill}" stroke="${stroke}"/>`;
      });
      return (
        `<path d="M50 ${n(50)} Q ${n(46)} ${n(72)} 50 ${n(94)}" fill="none" stroke="${stroke}"/>` +
        `<path d="M${n(50)} ${n(76)} Q ${n(62)} ${n(64)} ${n(72)} ${n(70)} Q ${n(62)} ${n(80)} ${n(50)} ${n(76)} Z" fill="${fill}" stroke="${stroke}"/>` +
        petals.join("") +
        `<circle cx="${n(50)}" cy="${n(36)}" r="8" fill="${stroke}" stroke="${stroke}"/>`
      );
    },
  },
  {
    name: "bateau",
    label: "le bateau",
    draw: ({ n, stroke, fill }) =>
      `<path d="M${n(10)} ${n(66)} L${n(90)} ${n(66)} L${n(76)} ${n(84)} L${n(24)} ${n(84)} Z" fill="${fill}" stroke="${stroke}"/>` +
      `<line x1="${n(50)}" y1="${n(66)}" x2="${n(50)}" y2="${n(12)}" stroke="${stroke}"/>` +
      `<polygon points="${n(54)},${n(16)} ${n(54)},${n(58)} ${n(84)},${n(58)}" fill="${fill}" stroke="${stroke}"/>` +
      `<polygon points="${n(46)},${n(24)} ${n(46)},${n(58)} ${n(22)},${n(58)}" fill="${fill}" stroke="${stroke}"/>`,
  },
];
