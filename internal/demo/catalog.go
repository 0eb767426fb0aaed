package demo

// The fixed material the demo data is drawn from: the customers, where they are, who works
// there, and what Démo SARL (an IT services company in Lyon) sells them.

// Segments of customers.
const (
	segSME    = "PME"
	segKey    = "Grand compte"
	segCraft  = "Artisan"
	segPublic = "Collectivité"
	noTerms   = -1 // payment terms left empty: a data problem
)

// behaviour is how a customer pays.
type behaviour int

const (
	prompt     behaviour = iota // around the due date
	debit                       // SEPA direct debit on the due date
	late                        // about two weeks late
	veryLate                    // 60 to 130 days late, some never
	partial                     // in two instalments
	slowPublic                  // public accounting: three to six weeks late
	runs                        // grouped payment runs on the 10th and 25th
	cheques                     // by cheque, a week late
)

// flaw is a deliberate gap in a customer's record, for the data-quality features.
type flaw int

const (
	noFlaw       flaw = iota
	noEmail           // contacts without email
	noPhone           // contacts without phone
	badSiren          // SIREN failing its checksum
	noCompanyID       // neither SIREN nor VAT number
	letterNoAddr      // reminded by letter, no postal address
	noContacts        // nobody to remind
)

type company struct {
	name      string
	segment   string
	city      string
	pays      behaviour
	terms     int // days; noTerms leaves them empty
	flaw      flaw
	country   string // default FR
	vat       string // foreign VAT number
	language  string // default fr
	notes     string
	startsAgo int // months since the first invoice (default 18)
}

var companies = []company{
	{name: "Groupe Hexalis Distribution", segment: segKey, city: "Lyon", pays: runs, terms: 60},
	{name: "Nordis Logistique SA", segment: segKey, city: "Lille", pays: late, terms: 60,
		notes: "Règle en général deux semaines après l'échéance, après validation par les achats."},
	{name: "Batiroute Infrastructures", segment: segKey, city: "Boulogne-Billancourt", pays: runs, terms: 45},
	{name: "Clinique Saint-Roch", segment: segKey, city: "Montpellier", pays: late, terms: 45},
	{name: "Alpimmo Gestion", segment: segKey, city: "Annecy", pays: prompt, terms: 45},
	{name: "Harbour Logistics Ltd", segment: segKey, city: "Dublin", pays: prompt, terms: 30,
		country: "IE", vat: "IE6388047V", language: "en"},
	{name: "Coopérative Agricole du Dauphiné", segment: segKey, city: "Valence", pays: partial, terms: 60,
		notes: "Paie en deux fois sur les grosses factures ; accord oral du DAF."},

	{name: "Commune de Saint-Alban-les-Eaux", segment: segPublic, city: "Saint-Alban-les-Eaux", pays: slowPublic, terms: 30},
	{name: "Communauté de communes Val de Brévenne", segment: segPublic, city: "L'Arbresle", pays: slowPublic, terms: 30},
	{name: "Syndicat des eaux du Val d'Azergues", segment: segPublic, city: "Villefranche-sur-Saône", pays: slowPublic, terms: 30},
	{name: "Collège Jean Moulin", segment: segPublic, city: "Bron", pays: slowPublic, terms: 30},
	{name: "Centre communal d'action sociale de Rillieux", segment: segPublic, city: "Rillieux-la-Pape", pays: veryLate, terms: 30,
		notes: "Mandatement très lent : relancer le comptable public (trésorerie) en copie."},

	{name: "Menuiserie Dubois", segment: segCraft, city: "Bourg-en-Bresse", pays: cheques, terms: 30},
	{name: "Boulangerie Martin & Fils", segment: segCraft, city: "Grenoble", pays: prompt, terms: 30},
	{name: "Plomberie Lefèvre", segment: segCraft, city: "Saint-Étienne", pays: veryLate, terms: 30, flaw: noEmail,
		notes: "Pas d'adresse email connue : relances par téléphone."},
	{name: "Garage Moreau Automobiles", segment: segCraft, city: "Mâcon", pays: late, terms: 30},
	{name: "Électricité Girard", segment: segCraft, city: "Chambéry", pays: cheques, terms: 30},
	{name: "Atelier Chapuis Ébénisterie", segment: segCraft, city: "Annecy", pays: prompt, terms: 30, flaw: noPhone},
	{name: "Carrosserie Bernard", segment: segCraft, city: "Vienne", pays: late, terms: 30},
	{name: "Fleurs de Lys", segment: segCraft, city: "Dijon", pays: debit, terms: 30},
	{name: "Salon Élodie Coiffure", segment: segCraft, city: "Valence", pays: prompt, terms: noTerms},
	{name: "Boucherie Perrin", segment: segCraft, city: "Clermont-Ferrand", pays: cheques, terms: 30, flaw: letterNoAddr},
	{name: "Pâtisserie Rousseau", segment: segCraft, city: "Tours", pays: prompt, terms: 30},
	{name: "Couverture Blanchard", segment: segCraft, city: "Limoges", pays: veryLate, terms: 30},
	{name: "Taxis Fontaine", segment: segCraft, city: "Avignon", pays: late, terms: 30, flaw: noCompanyID},
	{name: "Imprimerie Leclerc", segment: segCraft, city: "Rouen", pays: prompt, terms: 45},

	{name: "Cabinet Moreau Avocats", segment: segSME, city: "Paris", pays: prompt, terms: 30},
	{name: "Transports Lefèvre et Fils", segment: segSME, city: "Villeurbanne", pays: late, terms: 45,
		notes: "Paie systématiquement vers 60 jours malgré des conditions à 45 jours."},
	{name: "Agence Pixel & Papier", segment: segSME, city: "Nantes", pays: prompt, terms: 30},
	{name: "Laboratoire Biolys", segment: segSME, city: "Strasbourg", pays: debit, terms: 30},
	{name: "Hôtel Le Grand Tilleul", segment: segSME, city: "Aix-les-Bains", pays: partial, terms: 30},
	{name: "Restaurant La Table de Marius", segment: segSME, city: "Marseille", pays: veryLate, terms: 30, flaw: badSiren},
	{name: "Pharmacie du Parc", segment: segSME, city: "Caluire-et-Cuire", pays: debit, terms: 30},
	{name: "Éditions du Rhône", segment: segSME, city: "Lyon", pays: late, terms: 60},
	{name: "Clinique vétérinaire des Monts d'Or", segment: segSME, city: "Limonest", pays: prompt, terms: 30},
	{name: "Fabre & Associés Expertise comptable", segment: segSME, city: "Toulouse", pays: prompt, terms: 30},
	{name: "Auto-école Léman", segment: segSME, city: "Thonon-les-Bains", pays: late, terms: 30, flaw: noContacts, startsAgo: 7},
	{name: "Domaine Bertrand", segment: segSME, city: "Beaune", pays: partial, terms: 45},
	{name: "Bureau d'études Thermiq", segment: segSME, city: "Grenoble", pays: prompt, terms: 45},
	{name: "Roux & Vidal Architectes", segment: segSME, city: "Bordeaux", pays: late, terms: 30},
	{name: "Carré Sud Immobilier", segment: segSME, city: "Nice", pays: prompt, terms: 30, startsAgo: 9},
	{name: "Centre de formation Axiome", segment: segSME, city: "Rennes", pays: partial, terms: 45},
	{name: "Traiteur Saveurs du Sud", segment: segSME, city: "Montpellier", pays: veryLate, terms: 30},
	{name: "Crèche Les Petits Loups", segment: segSME, city: "Villeurbanne", pays: debit, terms: 30},
	{name: "Sport Évasion", segment: segSME, city: "Chambéry", pays: late, terms: 30, startsAgo: 5},
	{name: "Optique Vision Plus", segment: segSME, city: "Metz", pays: prompt, terms: 30},
	{name: "Brasserie Vandenberghe", segment: segSME, city: "Bruxelles", pays: late, terms: 30,
		country: "BE", vat: "BE0428759497"},
	{name: "Kinéo Santé", segment: segSME, city: "Angers", pays: prompt, terms: 30},
	{name: "Textiles Mauger", segment: segSME, city: "Roubaix", pays: late, terms: 60},
	{name: "Mécanique de Précision Rhodanienne", segment: segSME, city: "Vénissieux", pays: prompt, terms: 45},
}

type city struct {
	postalCode string
	phone      string // area digit of landlines: 1 Paris … 5 south-west
}

var cities = map[string]city{
	"Lyon": {"69003", "4"}, "Lille": {"59000", "3"}, "Boulogne-Billancourt": {"92100", "1"},
	"Montpellier": {"34000", "4"}, "Annecy": {"74000", "4"}, "Valence": {"26000", "4"}, "Saint-Alban-les-Eaux": {"42370", "4"},
	"L'Arbresle": {"69210", "4"}, "Villefranche-sur-Saône": {"69400", "4"}, "Bron": {"69500", "4"},
	"Rillieux-la-Pape": {"69140", "4"}, "Bourg-en-Bresse": {"01000", "4"}, "Grenoble": {"38000", "4"},
	"Saint-Étienne": {"42000", "4"}, "Mâcon": {"71000", "3"}, "Chambéry": {"73000", "4"}, "Vienne": {"38200", "4"},
	"Dijon": {"21000", "3"}, "Clermont-Ferrand": {"63000", "4"}, "Tours": {"37000", "2"}, "Limoges": {"87000", "5"},
	"Avignon": {"84000", "4"}, "Rouen": {"76000", "2"}, "Paris": {"75011", "1"}, "Villeurbanne": {"69100", "4"},
	"Nantes": {"44000", "2"}, "Strasbourg": {"67000", "3"}, "Aix-les-Bains": {"73100", "4"}, "Marseille": {"13008", "4"},
	"Caluire-et-Cuire": {"69300", "4"}, "Limonest": {"69760", "4"}, "Toulouse": {"31000", "5"},
	"Thonon-les-Bains": {"74200", "4"}, "Beaune": {"21200", "3"}, "Bordeaux": {"33000", "5"}, "Nice": {"06000", "4"},
	"Rennes": {"35000", "2"}, "Metz": {"57000", "3"}, "Angers": {"49000", "2"}, "Roubaix": {"59100", "3"},
	"Vénissieux": {"69200", "4"}, "Dublin": {"D02 X285", ""}, "Bruxelles": {"1000", ""},
}

var streets = []string{
	"rue de la République", "avenue Jean Jaurès", "boulevard Gambetta", "rue Victor Hugo", "rue Pasteur",
	"avenue de la Gare", "rue du Général de Gaulle", "allée des Tilleuls", "chemin des Vignes", "rue des Artisans",
	"impasse des Érables", "rue Émile Zola", "cours Lafayette", "rue du Commerce", "avenue Foch", "rue Nationale",
	"place du Marché", "rue Saint-Jean", "quai Perrache", "route de Lyon", "rue de l'Industrie", "avenue des Alpes",
}

var businessParks = []string{"ZA Les Bruyères", "ZI des Platières", "Parc d'activités du Moulin", "Bâtiment B",
	"ZAC du Chêne", "Technopôle Sud"}

var firstNames = []string{"Camille", "Julien", "Sophie", "Nicolas", "Isabelle", "Thomas", "Nathalie", "Antoine",
	"Céline", "Mathieu", "Aurélie", "Sébastien", "Émilie", "Guillaume", "Sandrine", "Olivier", "Hélène", "François",
	"Laure", "Jérôme", "Chloé", "Maxime", "Valérie", "Romain", "Agnès", "Pierre", "Élise", "Benoît", "Margaux", "Yves"}

var lastNames = []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
	"Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
	"Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Chevalier",
	"Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Perrin", "Masson", "Marchand"}

// product is something Démo SARL sells: quantities in whole units, unit prices in euros before tax.
type product struct {
	label        string
	english      string
	minQ, maxQ   int64 // whole units
	halves       bool  // quantity by half units (hours, days)
	minPU, maxPU int64 // euros
	monthly      bool  // the label names the month billed
	bulk         bool  // bigger customers order more of it
	segments     string
}

// Products by the segments that buy them: C craft, S SME, K key account, P public body.
var products = []product{
	{label: "Contrat de maintenance informatique — %s", english: "IT maintenance contract — %s", minQ: 1, maxQ: 1, minPU: 180, maxPU: 1450, monthly: true, segments: "CSKP"},
	{label: "Intervention technicien sur site (heures)", english: "On-site technician (hours)", minQ: 1, maxQ: 12, halves: true, minPU: 85, maxPU: 110, segments: "CSKP"},
	{label: "Assistance à distance — forfait 10 heures", english: "Remote support — 10-hour pack", minQ: 1, maxQ: 3, minPU: 690, maxPU: 790, segments: "CSP"},
	{label: "Ordinateur portable 14\" — configuration standard", english: "14\" laptop — standard configuration", minQ: 1, maxQ: 6, minPU: 890, maxPU: 1390, bulk: true, segments: "CSKP"},
	{label: "Écran 27\" QHD avec pied réglable", english: "27\" QHD monitor with adjustable stand", minQ: 1, maxQ: 8, minPU: 249, maxPU: 349, bulk: true, segments: "CSKP"},
	{label: "Licence logiciel de gestion — abonnement annuel par utilisateur", english: "Business software licence — yearly subscription per user", minQ: 2, maxQ: 25, minPU: 240, maxPU: 480, bulk: true, segments: "SKP"},
	{label: "Formation des utilisateurs (journées)", english: "User training (days)", minQ: 1, maxQ: 4, halves: true, minPU: 950, maxPU: 1400, segments: "SKP"},
	{label: "Audit de sécurité du système d'information", english: "Information security audit", minQ: 1, maxQ: 1, minPU: 3500, maxPU: 12000, segments: "KP"},
	{label: "Hébergement et sauvegarde externalisée — %s", english: "Hosting and off-site backup — %s", minQ: 1, maxQ: 1, minPU: 150, maxPU: 900, monthly: true, segments: "SKP"},
	{label: "Câblage réseau — prise RJ45 posée et recettée", english: "Network cabling — RJ45 outlet installed and tested", minQ: 4, maxQ: 40, minPU: 75, maxPU: 120, bulk: true, segments: "SKP"},
	{label: "Déploiement de postes de travail (forfait par poste)", english: "Workstation deployment (per workstation)", minQ: 5, maxQ: 25, minPU: 120, maxPU: 180, bulk: true, segments: "K"},
	{label: "Caisse enregistreuse tactile avec imprimante de tickets", english: "Touchscreen till with receipt printer", minQ: 1, maxQ: 2, minPU: 1190, maxPU: 1690, segments: "C"},
	{label: "Frais de déplacement", english: "Travel expenses", minQ: 1, maxQ: 1, minPU: 35, maxPU: 120, segments: "CSP"},
	{label: "Cartouches d'encre et consommables", english: "Ink cartridges and supplies", minQ: 2, maxQ: 10, minPU: 29, maxPU: 89, bulk: true, segments: "CS"},
}

// segmentLetter is the letter of a segment in product.segments.
var segmentLetter = map[string]string{segCraft: "C", segSME: "S", segKey: "K", segPublic: "P"}

// scale multiplies (in percent) the quantities a segment orders of bulk products.
var scale = map[string]int64{segCraft: 100, segSME: 100, segKey: 250, segPublic: 150}

// invoicesPerYear is how often each segment is invoiced.
var invoicesPerYear = map[string]float64{segCraft: 5, segSME: 8, segKey: 16, segPublic: 6}

var frenchMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
	"septembre", "octobre", "novembre", "décembre"}
