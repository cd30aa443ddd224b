/**
 * Common first names in France (accents folded, lowercase), written for
 * Beffroi from the names most given over the last decades, of every origin
 * present in France. INSEE's open files add more (`beffroi guard names
 * import`, to come); this list lets a fresh installation find "Jeanne
 * DURAND" without them.
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
