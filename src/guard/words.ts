/** Makes of vehicles (folded): before a model's name they are no one's, and near a number they make it a plate. */
export const VEHICLE_MAKES: ReadonlySet<string> = new Set(
  `renault peugeot citroen dacia toyota volkswagen ford opel fiat skoda kia hyundai nissan tesla
  seat mercedes bmw audi volvo suzuki mazda honda mitsubishi mini smart`.split(/\s+/),
);

/** Models agents name without their make. */
export const VEHICLE_MODELS: ReadonlySet<string> = new Set(
  "clio twingo kangoo megane-e sandero yaris".split(" "),
);

/**
 * Words of agents' everyday writing that a dictionary of French lacks
 * (folded: lowercase, accents folded): the acronyms of French public
 * administration and social work, the abbreviations of notes and text
 * messages, names of services and software. Written or capitalised, they
 * name no one: the PERSON recognizer never takes them for a name.
 */
export const EVERYDAY_WORDS: ReadonlySet<string> = new Set(
  `
d l j m n s t c qu lorsqu puisqu jusqu quoiqu presqu quelqu aujourd
aah acs actp adil adie afpa agirc ags ai ale alsh ame ameli amf ampa anah anct ants apa ape apl
aps ars arrco ase asf aspa asv ata atsem ats avs bafa bafd bep bepc bp bts cada caf cap capes
carsat cas cat ccas ccapex cd cdad cdag cdd cdi cdt ce cej cerfa cesu cfa cfe cfdt cftc cgcv cgt
cge cgct chrs chs chsct chu ci cia cias cif cio cip cle cma cmi cmp cmpp cmu cnaf cnav cnas cnfpt
cnil cnracl cpam cpf cph cpi cpo crous cse csg css cst cts cv dalo dasen dcm ddets ddpp deets
dgfip dgs dia dir dj dpe dpo drh dreets dsn dsp dst dtp eaje ehpa ehpad emi en epci epi erp esat
ess etp fam fsl fne fo fpt fsu gav gip gir gpec hlm ht hpst ifse ime insee irl itep jaf jld lsf
mas mdph mjc mldp msa msp nir nbi oph opac pacs pai pass pch pcs pdf pjj plie plu pmi pmr pole
ppr prime ps pse qpv qf rapo rar rfr rgpd rh rib ripam rpe rqth rsa rsi rssi rtt sae samu
samsah sav savs sdf sdis secu siao siae siret siren smic snu sncf spip spa sud ssiad ta tas
tgi ti tj tva ucas unsa urssaf vae vsl zac zfu
svp stp rdv rdvs tel tél mob port fixe mme mmes mlle mr mrs dr pr me ste st cdlt cdt bcp pb pbs
tkt dsl jsp mtn qd pq pk pr ok oki dac bjr bsr slt cc coucou mdr lol ptdr nn ouais ouai
email emails mail mails sms mms whatsapp facebook messenger instagram linkedin google gmail
hotmail outlook yahoo orange laposte free sfr bouygues wifi web internet appli smartphone pdf
weekend covid internet teams zoom skype visio excel word powerpoint doctolib franceconnect
sem res rés bat bât esc apt appt imp lot ham chem rte fg pj ps nb cf ex iban bic rib
jai ya pa vien viens chui jsuis sui ke koi pk ds ts tt ns vs ki cmt dc tjrs tjs qq qqn qqch
mrc mci svp stp post
${[...VEHICLE_MAKES, ...VEHICLE_MODELS].join(" ")}
buenos dias hola gracias obrigado obrigada multumesc bom merhaba salam shukran thank thanks
please dear inshallah
csapa fijais rifseep eps cegidd caarud huda prahda spada sias gipa cnas fiphfp casnav dsden ien
rased ulis segpa erea sessad camsp cdas utas mds sap aemo aed ase crip odpe dgs dga interco
esat ime mecs lieu-dit lieudit
auchan bouygues telecom carrefour leclerc intermarche lidl aldi monoprix casino decathlon ikea
fnac darty cdiscount amazon apple microsoft samsung edf engie gdf veolia suez enedis grdf sncf
ratp ouigo tgv ter thalys eurostar blablacar uber airbnb ameli cic lcl bnp paribas cetelem
cofidis sofinco boursorama hsbc axa maif macif matmut groupama allianz generali mgen visale
euronext nyse restos city carrefour loca-pass locapass monoparentale monoparental
the and of to in is are be can will for with on at by from this that these those it its as or not
you your we our they their he she his her day days week weeks bus train trains station airport
valley lake mountain city town center centre street road avenue school hall office service
services information please thank thanks welcome contact open closed free ticket tickets
proconnect antai impots net ps cmu-c agent-e
lun mar mer jeu ven sam dim janv fevr avr juil sept oct nov dec
mediatheque mediatheques ludotheque artotheque cinematheque grainotheque ecoquartier ecoquartiers
eurometropole technopole technopoles fablab tiers-lieu coworking handisport parasport cyberbase
intercommunalite agglo interco epf epfl eptb sage scot sraddet padd pcaet plui plh pdu pdm oap
feder fse fse+ feader emff interreg leader erasmus horizon life drac dreal ddt ddtm sgar anru caue
cerema ademe bpi bpifrance cci cma cnr cdc banque-des-territoires frac saad pasa aggir daisy
spasad ssiad esms cpom cvs plateforme ccf rdd ehpad mda maia ptsm pta dac cls clsm sdis sis
vinci eiffage colas eurovia spie nge fayat razel-bec bouygues econocom stellantis michelin
airbus thales safran capgemini sopra steria atos dassault alstom transdev keolis arriva
`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Countries, territories and large cities abroad, and religious or civil
 * feasts, as agents write them (folded): capitalised, they are no one's
 * name ("né au Portugal", "rentré de Bamako", "pendant l'Aïd").
 */
export const ABROAD: ReadonlySet<string> = new Set(
  `
afghanistan afrique albanie algerie allemagne amerique andorre angola angleterre antilles arabie
argentine armenie asie australie autriche azerbaidjan bangladesh belgique benin bielorussie
birmanie bolivie bosnie bresil bulgarie burkina burkina-faso burundi cambodge cameroun canada
centrafrique chili chine chypre colombie comores congo coree cote croatie cuba danemark djibouti
egypte emirats equateur erythree espagne estonie ethiopie europe finlande gabon gambie georgie
ghana grece guinee guinee-bissau haiti hongrie inde indonesie irak iran irlande islande israel
italie japon jordanie kazakhstan kenya kosovo koweit laos lettonie liban liberia libye lituanie
luxembourg macedoine madagascar malaisie mali malte maroc maurice mauritanie mexique moldavie
monaco mongolie montenegro mozambique namibie nepal nicaragua niger nigeria norvege ouganda
ouzbekistan pakistan palestine panama paraguay pays-bas perou philippines pologne portugal qatar
roumanie royaume-uni russie rwanda salvador senegal serbie sierra singapour slovaquie slovenie
somalie soudan sri suede suisse syrie tadjikistan taiwan tanzanie tchad tchequie thailande togo
tunisie turquie ukraine uruguay venezuela vietnam viet yemen zambie zimbabwe seychelles bahamas
barbade belize bhoutan botswana brunei cap-vert dominique eswatini fidji grenade guatemala guyana
honduras jamaique kiribati kirghizistan lesotho liechtenstein malawi maldives marshall micronesie
nauru oman palaos papouasie saint-marin salomon samoa tonga trinite-et-tobago tuvalu vanuatu
vatican bosnie-herzegovine macedoine-du-nord coree-du-sud coree-du-nord nouvelle-zelande
afrique-du-sud arabie-saoudite emirats-arabes-unis etats-unis usa royaume-uni ecosse galles
irlande-du-nord flandre flandres wallonie bretagne normandie provence alsace lorraine picardie
bourgogne aquitaine occitanie auvergne savoie touraine berry anjou limousin poitou gascogne
bearn beauce sologne perigord quercy rouergue cevennes camargue dauphine franche-comte champagne
artois hainaut cotentin vexin brie gatinais morvan sundgau genevois chablais
guadeloupe martinique guyane reunion mayotte caledonie polynesie tahiti wallis futuna miquelon
barthelemy corse
alger oran constantine annaba tunis sfax sousse casablanca rabat marrakech fes tanger agadir
oujda dakar bamako abidjan ouagadougou conakry niamey lome cotonou douala yaounde kinshasa
brazzaville libreville antananarivo tananarive moroni nouakchott kigali bujumbura addis-abeba
nairobi lagos accra le-caire caire istanbul ankara izmir lisbonne porto madrid barcelone seville
valence rome milan naples turin bergame bergamo londres bruxelles anvers liege amsterdam
rotterdam berlin munich francfort hambourg cologne geneve lausanne zurich bale varsovie cracovie
bucarest budapest prague vienne sofia belgrade zagreb kiev kyiv moscou athenes tirana pristina
erevan tbilissi bakou hanoi ho hochiminh saigon pekin shanghai wenzhou canton tokyo seoul manille
bangkok delhi bombay mumbai karachi kaboul teheran bagdad damas beyrouth alep montreal quebec
new-york washington ho-chi-minh minh-ville ho-chi-minh-ville viet-nam buenos-aires geneva geneve chamonix aosta
saalburg homburg caouderan cauderan
aid kippour yom hanoucca hanoukka pessah ramadan careme toussaint paques pentecote ascension
noel saint-sylvestre roch hachana rosh hashana hashanah souccot diwali vesak nowruz norouz
san-marin san-marino wallis futuna wallis-et-futuna
`
    .split(/\s+/)
    .filter(Boolean),
);

/** A country, a territory, a city abroad or a feast (folded). */
export const isAbroad = (key: string): boolean => ABROAD.has(key);
