/**
 * Common first names in France (accents folded, lowercase), written for
 * Beffroi from the names most given over the last decades, of every origin
 * present in France. INSEE's open files add more (`beffroi guard names
 * import`); this list lets a fresh installation find "Jeanne DURAND"
 * without them.
 */
export const FIRST_NAMES = new Set(
  `
aaron abdel abdelkader abdallah abdoulaye abel adam adele adrien agathe agnes ahmed aicha aida
alain alais alan albert alexandra alexandre alexia alexis alfred ali alice alicia aline alix alma
amandine amaury ambre amelie amine amir amira anais anatole andre andrea angele angelique anna
annabelle anne anne-marie annie anthony antoine antonin apolline armand arnaud arthur astrid
aude audrey augustin aurelie aurelien aurore axel axelle aya aymeric ayoub baptiste barbara
basile bastien beatrice benedicte benjamin benoit bernadette bernard bertrand blanche boris
brigitte bruno camille capucine carla carole caroline catherine cecile celeste celia celine
charles charlie charlotte chantal chloe christelle christian christiane christine christophe
claire clara clarisse claude claudine clemence clement clotilde colette coline colin constance
corentin corinne cyril cyrielle damien daniel daniele danielle david deborah delphine denis
denise diane didier dimitri dominique dorian dylan edith edouard elena eleonore eliane elias elie
eliott elisa elisabeth elise ella elodie eloise elsa emilie emilien emma emmanuel emmanuelle enzo
eric erwan estelle esther ethan etienne eugenie eva evan eve evelyne fabien fabienne fabrice
fanny farida fatima fatoumata felix fernand fernande florence florent florian francine franck
francois francoise frederic frederique gabin gabriel gabrielle gaelle gaetan garance gaspard
gauthier genevieve georges geraldine gerard ghislaine gilbert gilles ginette gisele gregoire
gregory guillaume gustave guy hakim hamza hannah harold hawa helene henri herve hippolyte hortense
hugo hugues ibrahim ilan ilyes imane ines irene isaac isabelle jacqueline jacques jade jean
jean-baptiste jean-claude jean-francois jean-louis jean-luc jean-marc jean-marie jean-michel
jean-paul jean-pierre jeanne jeannine jennifer jeremie jeremy jerome jessica joel joelle johan
jonathan jordan joseph josephine josette josiane jules julia julie julien juliette justin justine
karima karim kelly kevin khadija lamia laetitia laura laure laurence laurent lea leila lena leo
leon leonard leonie lilou lina lisa lise loic lola lou louis louise luc luca lucas lucie lucien
lucienne lucile ludovic luna lydie madeleine maelle maeva magali malik malo manon marc marcel
marcelle margaux margot marguerite maria marianne marie marie-claire marie-france marie-christine
marie-therese marine marion marius marjorie marthe martin martine maryse mathieu mathilde matteo
mathis maxime maximilien mael megane melanie melissa mia michel michele micheline mickael mila
mireille mohamed mohammed monique morgane mounir myriam nadia nadine nael nathalie nathan
nelly nicolas nicole nina noah noe noemie nora oceane octave odette odile olivia olivier oscar
pascal pascale patrice patricia patrick paul paule pauline perrine philippe pierre pierre-louis
quentin rachel rachid rafael raphael raphaelle raymond raymonde rayan regine remi renaud rene
renee robert robin rodolphe roger romain romane rose rosalie roxane sabine sabrina sacha salim
salome samia samir samuel sandra sandrine sara sarah sebastien serge severine simon simone sofia
sophie stephane stephanie suzanne sylvain sylvie tatiana teddy theo theodore therese thibault
thierry thomas timothee tiphaine tom tristan valentin valentine valerie vanessa veronique victor
victoire victoria vincent violette virginie vivien viviane xavier yacine yanis yann yannick yasmine
yassine yohan youssef yves yvette yvonne zoe
`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Words of the language that are also surnames or first names in INSEE's
 * files (accents folded, lowercase): "Petit", "Blanc", "Moulin", "Fontaine",
 * "Avril", "Ange". Imported names among them are left out, and a
 * capitalised one is not taken for an unknown first name: in an agent's
 * text they are far more often words ("Petit déjeuner", "Point Information",
 * "Secteur Nord") than people. Built-in first names stay first names.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set(
  `
abbe abeille accueil acier action agent aide aigle aime aimee aine air allemand amour ami amie
ange anglais annonce antenne appel arbre argent armee arnaque atelier aube aurore automne avenir
avis baron barre bas basse beau bel belle berger besoin bien bienvenue blanc blanche
bleu bois bon bonne bonheur bouche boucher boulanger bourg bourgeois bout bouvier branche bras
breton brun brune bureau buisson cadet caisse calme camp campagne canal cap capitaine carre
carte cause cave centre cerf chaise chambre champ champs chance chanoine chapelle charbon
charpentier charron chasseur chateau chaud chemin chene cher cheval chevalier chevre chien
ciel cite clair claire clerc cloitre coeur colombe combe comte conseil constant content coq
corbeau corps cote coteau cour courant court cousin couturier couvreur croix cuisine cuisinier
cure dame date debut demain depart desire devant dieu direct doux droit duc eau ecole eglise
emploi enfant enfance enfer entree espoir est etang ete etoile faucon femme fer
ferme fete feu fils fin fleur fleuri foire fontaine forestier foret forge fort
fortune fosse four fournier franc france frere froid gai gaillard garde gardien gare gentil
gloire grand grande grange gras gris gros guerre haie hameau haut havre herbe hiver homme
honnete hopital hotel hiver ile info infos information jardin jardinier jeune jeunesse joli
jolie jour juge juste lac lame lande large leger lievre lion loge logis loisir long
lorrain loup lune macon madame maire maison maitre mal malin manoir marais marchand marche
marechal mari marin marine marquis mars masse matin mer merle meunier midi mineur moine
monde mont montagne mouton moulin mur nature neige neuf noble noel noir nord nouveau
nuit olivier or orage ordre ouest page paix parc paris parfait pasteur pauvre pays peche
pecheur pere perle petit petite peuple pierre pigeon pin pinson place plaine plan plat plein
pluie plume poirier point poisson pomme pommier pont port porte portier poste potier poule
pre premier pres prieur prince printemps prive propre public puits quartier rapide
regal reine renard repos riche rive riviere roc roche rocher roi rond rose rossignol
rouge roux roy rue sable sage saint sainte saison salle sauvage secteur
sergent seul simple social sociale soir soldat soleil source sport sud tailleur taureau
terre tisserand tonnelier tour tout travail tresor vacher val vallee vent verger vert
vieux vif vigne village ville vin voisin voyage
`
    .split(/\s+/)
    .filter(Boolean),
);
