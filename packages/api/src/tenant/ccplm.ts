import { fileURLToPath } from "node:url";
import type { Tenant } from "./Tenant";

/** The first tenant: Communauté de communes Piège Lauragais Malepère (Aude). CGU text from the seed. */
export const ccplm: Tenant = {
  id: "ccplm",
  name: "Communauté de communes Piège Lauragais Malepère",
  shortName: "CCPLM",
  phone: "04 68 76 69 40",
  email: "jeunesse@ccplm.fr",
  primaryColor: "#1d5b8f",
  cgu: "CONDITIONS GÉNÉRALES D’UTILISATION\n\nPRÉAMBULE\n\nLa Communauté de Communes Piège - Lauragais - Malepère - ci-après dénommée la Collectivité - propose un guichet en ligne - ci-après dénommé le Service - contribuant à simplifier les démarches administratives des usagers.\n\nL'utilisation du Service est facultative et gratuite hors coûts de connexion. Les usagers choisissent librement les services en ligne auxquels ils souhaitent accéder de façon privilégiée et les données qu'ils souhaitent conserver dans leur compte citoyen.\n\nToute utilisation du Service suppose la consultation et l'acceptation préalable des présentes conditions générales d'utilisation (CGU).\n\nL'utilisateur du Service - ci-après dénommé l'Usager - s'engage à respecter l'ensemble des prescriptions définies au sein des présentes CGU.\n\nENGAGEMENTS ET RESPONSABILITÉ\n\nLa Collectivité s'engage à prendre toutes précautions utiles pour préserver la sécurité des données collectées auprès de l'Usager, et notamment empêcher qu'elles soient déformées, endommagées ou que des tiers non autorisés y aient accès. À ce titre, aucune donnée de transaction financière n'est conservée par la Collectivité.\n\nLes données ou documents conservés par l'Usager dans son espace de stockage relèvent de sa responsabilité exclusive. L'utilisation de l'espace de stockage n'exonère pas l'Usager de la conservation matérielle de tout document dont il aurait pu déposer une copie numérisée dans cet espace.\n\nIl est rappelé que toute personne procédant à une fausse déclaration pour elle-même ou pour autrui s'expose, notamment, aux sanctions prévues à l'article 441-1 du Code Pénal, prévoyant des peines pouvant aller jusqu'à trois ans d'emprisonnement et 45 000 euros d'amende.\n\nConformément aux dispositions de l'article 4 de l'ordonnance n°2005-1516 du 8 décembre 2005, les présentes conditions générales s'imposent à tout Usager du Service.\n\nTextes officiels\n\n- Loi n°78-17 du 6 janvier 1978 relative à l'informatique, aux fichiers et aux libertés ;\n- Ordonnance n°2005-1516 du 8 décembre 2005 relative aux échanges électroniques entre les usagers et les autorités administratives et entre les autorités administratives ;\n- Décret n°2009-730 du 18 juin 2009 relatif à l'espace de stockage accessible en ligne pris en application de l'article 7 de l'ordonnance n°2005-1516 du 8 décembre 2005 relative aux échanges électroniques entre les usagers et les autorités administratives et entre les autorités administratives.\n- RÈGLEMENT (UE) 2016/679 DU PARLEMENT EUROPÉEN ET DU CONSEIL du 27 avril 2016 relatif à la protection des personnes physiques à l'égard du traitement des données à caractère personnel et à la libre circulation de ces données, et abrogeant la directive 95/46/CE (règlement général sur la protection des données)",
  dataNotice:
    "La collecte de vos données personnelles est nécessaire dans le cadre d'une mission d'intérêt public. Votre consentement n'est donc pas nécessaire. Pour en savoir plus sur le traitement de vos données personnelles ainsi que sur vos droits, nous vous invitons à consulter nos [mentions d’information].",
  // The « mentions d’information » the notice links to (RGPD articles 13 and 14), shown under it.
  dataPolicy:
    "Responsable du traitement : la Communauté de communes Piège Lauragais Malepère.\n\nFinalité : créer et gérer votre espace citoyen, vous permettre de faire vos démarches en ligne et d’accéder aux services auxquels vous associez votre espace (base légale : mission d’intérêt public, article 6.1.e du RGPD).\n\nDonnées : celles que vous saisissez lors de la création de votre espace (identité, adresse, moyens de contact, nom d’utilisateur, clés de service). Le mot de passe n’est jamais conservé en clair.\n\nDestinataires : les seuls agents habilités de la Collectivité et des services que vous choisissez.\n\nDurée de conservation : une inscription inachevée est effacée au bout de 30 jours ; les données de votre espace sont conservées tant que vous l’utilisez, et effacées lorsque vous le supprimez.\n\nVos droits : vous pouvez accéder à vos données, les rectifier, les effacer, en limiter le traitement ou vous y opposer, en écrivant à jeunesse@ccplm.fr. Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL (www.cnil.fr).",
  news: [
    {
      date: "2026-09-13",
      title: "La CCPLM vous donne la parole",
      text: "Participez à la consultation des habitants sur les services de la communauté de communes.",
    },
    {
      date: "2026-01-01",
      title: "Mode de paiement",
      text: "Réglez les activités de vos enfants directement en ligne depuis votre espace citoyen.",
      isNew: true,
    },
  ],
  services: [
    {
      id: "enfance",
      label: "Enfance",
      contact: "jeunesse@ccplm.fr",
      // Fictional families (and the seed's sample citizen) so that the automatic Enfance key can be seen in a demo.
      demoRegistry: fileURLToPath(new URL("./ccplm-enfance-demo.csv", import.meta.url)),
    },
  ],
  epci: "200035707",
  flowTtlDays: 30,
  passwordPolicy: { minLength: 8, cnil2022: false },
  kiosk: { idleMs: 90_000, warningMs: 30_000, handoffMs: 120_000 },
};
