/**
 * RGPD article 9 categories and offences, as agents of a French local
 * authority write them (folded: lowercase, accents removed; a space also
 * matches a hyphen), separated by commas. A term ending in `*` stands for
 * its four forms ("sourd*": sourd, sourde, sourds, sourdes), in `+` for two
 * ("malade+": malade, malades). A term is sensitive data only about an
 * identifiable person: the scanner keeps these findings only then.
 */
export const TERMS: Readonly<Record<string, string>> = {
  health: `
diabete, diabetique+, insuline, insulinodependant*, pompe a insuline, glycemie,
cancer+, cancereux, cancereuse+, tumeur+, leucemie, lymphome, metastase+, chimiotherapie, chimio, radiotherapie,
hormonotherapie, immunotherapie, oncologie, oncologue,
vih, sida, seropositif, seropositifs, seropositive+, hepatite, tuberculose, ist,
asthme, asthmatique+, asthmatiforme+, bronchiolite+, crise d'asthme, crises d'asthme, bpco, insuffisance renale, insuffisance cardiaque,
insuffisant cardiaque, insuffisante cardiaque, insuffisant renal, insuffisante renale, cardiaque+,
insuffisance respiratoire, dialyse, dialyse*, greffee, greffes, greffees, greffe de rein, greffe du rein, greffe de foie,
greffe du foie, greffe de moelle, greffe cardiaque, en attente de greffe,
avc, infarctus, cardiopathie, pacemaker, stimulateur cardiaque, hypertension,
epilepsie, epileptique+, crise d'epilepsie, alzheimer, parkinson, demence, dement*, corps de lewy,
sclerose en plaques, sla, maladie de charcot, myopathie, mucoviscidose, lupus,
maladie de crohn, polyarthrite, fibromyalgie, endometriose, anorexie, anorexique+, boulimie,
obesite, cirrhose, hernie discale, lombalgie+, sciatique, cruralgie,
fracture+, fracture*, entorse, luxation, tendinite, canal carpien,
opere*, operation du genou, operation de la hanche, operation des amygdales, intervention chirurgicale,
hospitalise*, hospitalisation+, aux urgences, soins palliatifs, fin de vie,
glaucome, dmla, cataracte, retinopathie,
allergie+, allergique+, choc anaphylactique, intolerance au gluten, maladie coeliaque,
incontinence, incontinent*, escarre+, troubles de la memoire, troubles cognitifs, troubles du langage,
troubles de la deglutition, troubles du comportement, troubles psychiques,
etat de sante, probleme de sante, problemes de sante, maladie chronique, maladie grave, maladie professionnelle,
longue maladie, conge de longue maladie, conge de longue duree, affection de longue duree, ald,
arret maladie, arret de travail, arrets maladie, conge maladie, conge maternite,
temps partiel therapeutique, mi-temps therapeutique, accident du travail, accident de service,
inapte+, inaptitude, inaptitude medicale, restrictions medicales,
traitement medical, son traitement, sous traitement, antidepresseur+, anxiolytique+, neuroleptique+,
anticoagulant+, ritaline, methadone, subutex, traitement de substitution, oxygene a domicile,
infirmiere a domicile, ssiad,
handicap, handicape*, en situation de handicap, polyhandicap*, sourd*, sourde et muette, malentendant*,
surdite, appareille*, implant cochleaire, aveugle+, non-voyant*, malvoyant*, deficience visuelle,
deficience auditive, deficience intellectuelle, cecite, fauteuil roulant, fauteuil electrique,
en fauteuil, deambulateur, bequilles, ampute*, paraplegique+, tetraplegique+, hemiplegique+,
paralyse*, trisomie, trisomique+, autisme, autiste+, trouble du spectre autistique, tdah,
hyperactivite, dyslexie, dyslexique+, dyspraxie, dysphasie, troubles dys, infirmite motrice,
aah, pch, aeeh, rqth, cmi, carte mobilite inclusion, carte d'invalidite, invalidite, taux d'incapacite,
pension d'invalidite, travailleur handicape, travailleuse handicapee, esat, ime, aesh,
ulis, sessad, pai, projet d'accueil individualise, mdph,
depression, depressif, depressifs, depressive+, deprime*, burn-out, burn out, anxiete, crise d'angoisse, crises d'angoisse, angoisse+, phobie,
toc, bipolaire+, schizophrene+, schizophrenie, psychose, psychotique+, troubles psychiatriques,
suivi psychiatrique, suivie psychiatrique, psychiatre, psychiatrie, psychiatrique+, psychologue, psy,
cmp, cmpp, epsm, cattp, hopital de jour, hopital psychiatrique, hospitalisation sous contrainte,
hospitalisation d'office, hdt, sdre, tentative de suicide, idees suicidaires, propos suicidaires,
suicidaire+, automutilation, scarification+, stress post-traumatique,
alcoolisme, alcoolique+, alcoolise*, alcoolisation, alcoolodependant*, probleme d'alcool, dependance a l'alcool,
sevrage, cure de desintoxication, desintoxication, toxicomanie, toxicomane+, addiction+, addictologie,
csapa, caarud, cannabis, heroine, cocaine, crack, surdose, overdose, etat d'ebriete, ivresse,
en etat d'ivresse, ivre+, drogue+,
grossesse+, grossesse a risque, ivg, fausse couche, accouchement, accouche*, pma, fiv,
antiepileptique+, anticonvulsivant+, traitement de fond, traitement injectable, rupture de traitement,
depakine, buccolam, ventoline, anapen, epipen, stylo d'adrenaline, adrenaline, levothyrox, lithium,
risperdal, haldol, xanax, lexomil, tercian, seresta, valium, rivotril, keppra, lamictal, abilify,
zyprexa, temesta, stilnox, metformine, kardegic, morphine, sous oxygene,
enuresie, anemie, anemique+, hypoglycemie+, hyperglycemie+, malaise vagal, convulsion+, crise convulsive,
fatigabilite, troubles de l'equilibre, troubles du sommeil, troubles de l'attention,
troubles du neurodeveloppement, troubles de l'apprentissage, troubles anxieux, troubles alimentaires,
troubles bipolaires, troubles psychotiques, troubles du spectre autistique, trouble du comportement,
deficient intellectuel, deficiente intellectuelle, deficients intellectuels, handicap mental,
handicap psychique, retard mental, blesse*, blessure+, asi, allocation supplementaire d'invalidite,
a l'hosto, sort de l'hopital, sortie d'hopital, sortie d'hospitalisation, est a l'hopital,
problemes avec l'alcool, probleme avec l'alcool, sous l'emprise de l'alcool, emprise de l'alcool,
consommation d'alcool, boit beaucoup, boire beaucoup, addicto, pas de port de charges,
port de charges interdit, pas de travail en hauteur, pas de conduite d'engins,
pas de conduite de vehicule, contre-indication+, contre-indique*, apte avec restrictions
`,
  religion: `
musulman*, juif+, juive+, chretien+, chretienne+, catholique+, protestant*, evangelique+, orthodoxe+,
bouddhiste+, hindou*, sikh+, temoin de jehovah, temoins de jehovah, de confession,
pratiquant*, pratique l'islam, pratique la religion, a la mosquee, a la synagogue, a l'eglise, au temple,
fait le ramadan, ramadan, jeune du ramadan, porte le voile, voilee+, kippa, shabbat,
repas sans porc, halal, casher, aid, yom kippour, converti a l'islam, convertie a l'islam,
sans porc, raison religieuse, raisons religieuses, motif religieux, motifs religieux, islam, judaisme,
hindouisme, bouddhisme, catholicisme, protestantisme
`,
  politics: `
rassemblement national, front national, france insoumise, parti socialiste, les republicains,
eelv, europe ecologie, parti communiste, pcf, reconquete, npa, lutte ouvriere,
opinions politiques, militant*, adherent du parti, adherente du parti, encarte*,
groupe communiste, groupe socialiste, groupe ecologiste, groupe insoumis, groupe les republicains,
sympathisant*, candidat aux elections
`,
  union: `
syndique*, delegue syndical, deleguee syndicale, representant syndical, representante syndicale,
section syndicale, mandat syndical, decharge syndicale, heures de delegation, militant syndical,
militante syndicale
`,
  sexuality: `
homosexuel*, homosexualite, gay+, lesbienne+, bisexuel*, transgenre+, transidentite, changement de sexe,
orientation sexuelle, vie sexuelle, identite de genre, coming out, coming-out, en couple homosexuel
`,
  origin: `
origine ethnique, origine raciale, de type maghrebin, de type africain, de type europeen,
de type asiatique, roms, ethnie, famille rom, familles roms, communaute rom, origine rom,
d'origine rom, tzigane+, gitan*, manouche+, yeniche+
`,
  offences: `
casier judiciaire, condamne*, condamnation+, incarcere*, incarceration, detenu*, detention,
en prison, sortie de prison, sorti de prison, sortie de detention, sorti de detention, prison,
emprisonne*, garde a vue, interpelle*, mis en examen, mise en examen, mis en cause, mise en cause,
controle judiciaire, bracelet electronique, surveillance electronique, avec sursis, peine de sursis,
travaux d'interet general, tig, spip, rappel a la loi, tribunal correctionnel, comparution immediate,
violences conjugales, violences volontaires, porte plainte, depose plainte, plainte contre lui,
plainte contre elle, trafic de stupefiants, stupefiants, fiche s, oqtf, interdiction de territoire,
verbalise*, l'a frappee, l'a frappe, pour vol, vol simple, vol a l'etalage, vol avec violence,
tentative de vol, outrage+, pour outrage, menaces de mort, pour menaces, pour violences, violences sur,
travail dissimule, conduite sous l'empire, conduite en etat d'ivresse, suspension de permis,
retrait de permis, annulation de permis, ordonnance de protection, interdiction de contact,
interdiction d'entrer en contact, taj, connu de nos services, connu des services de police,
defavorablement connu, remis a l'opj, refus d'obtemperer, delit de fuite, recel, escroquerie,
agression+, injure+, plainte pour, passe au tribunal, passe devant le juge, altercation avec violences
`,
};

/** Expands a list's notation: `*` four forms, `+` two forms. */
export function expand(list: string): string[] {
  const terms: string[] = [];
  for (const written of list.split(",")) {
    const term = written.trim().replace(/\s+/g, " ");
    if (!term) continue;
    if (term.endsWith("*")) {
      const base = term.slice(0, -1);
      terms.push(base, `${base}e`, `${base}s`, `${base}es`);
    } else if (term.endsWith("+")) {
      const base = term.slice(0, -1);
      terms.push(base, `${base}s`);
    } else terms.push(term);
  }
  // "œ" folds to "o" ("cœliaque" reads "coliaque"): each term also as written with the ligature.
  for (const term of [...terms]) if (term.includes("oe")) terms.push(term.replaceAll("oe", "o"));
  return terms;
}
