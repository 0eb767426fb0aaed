package render

// French templates of the default scenarios. Bodies are plain text: a blank line separates
// paragraphs; {{invoice_table}} and {{debtor_link}} stand alone on their line (debtorLink writes
// the link's paragraph).

var frStdPreventive = Template{
	Subject: `{{if eq invoice_count 1}}Facture {{invoice_numbers}} : échéance le {{oldest_due_date}}{{else}}Vos factures : prochaine échéance le {{oldest_due_date}}{{end}}`,
	Body: `{{if contact_name}}Bonjour {{contact_name}},{{else}}Bonjour,{{end}}

Nous préparons nos prochaines échéances et souhaitons simplement nous assurer que tout est en ordre de votre côté :

{{invoice_table}}

Pourriez-vous nous confirmer que {{if eq invoice_count 1}}cette facture vous est bien parvenue et qu'elle a été validée{{else}}ces factures vous sont bien parvenues et qu'elles ont été validées{{end}} ? Pouvons-nous compter sur un règlement de {{total_due}} à l'échéance{{if eq invoice_count 1}} du {{oldest_due_date}}{{end}} ?

Si quelque chose bloque (bon de commande, adresse de facturation, montant à corriger), dites-le-nous dès maintenant : nous trouverons une solution ensemble.
` + debtorLink(`Vos factures, nos coordonnées bancaires et un formulaire pour nous poser une question sont disponibles sur votre espace :`) + `
Merci par avance pour votre retour.

Bien cordialement,

{{signature}}`,
}

var frStdDue = Template{
	Subject: `{{if eq invoice_count 1}}Facture {{invoice_numbers}} à régler aujourd'hui{{else}}{{invoice_count}} factures arrivent à échéance{{end}}`,
	Body: `{{if contact_name}}Bonjour {{contact_name}},{{else}}Bonjour,{{end}}

Pour mémoire, {{if eq invoice_count 1}}la facture suivante arrive{{else}}les factures suivantes arrivent{{end}} à échéance aujourd'hui :

{{invoice_table}}

Montant à régler : {{total_due}}.
` + debtorLink(`Vous pouvez régler en ligne ou retrouver nos coordonnées bancaires ici :`) + `
Merci pour votre règlement.

Bien cordialement,

{{signature}}`,
}

var frStdReminder1 = Template{
	Subject: `{{if eq invoice_count 1}}Rappel : facture {{invoice_numbers}} échue le {{oldest_due_date}}{{else}}Rappel : {{invoice_count}} factures échues{{end}}`,
	Body: `{{if contact_name}}Bonjour {{contact_name}},{{else}}Bonjour,{{end}}

Sauf erreur de notre part, nous n'avons pas encore reçu le règlement {{if eq invoice_count 1}}de la facture suivante, échue le {{oldest_due_date}}{{else}}des factures suivantes{{end}} :

{{invoice_table}}

Il s'agit sans doute d'un simple oubli. Pourriez-vous procéder au règlement de {{total_due}} dans les prochains jours ?

Si quelque chose vous empêche de régler (facture non reçue, question sur un montant, désaccord), répondez simplement à ce message : nous traiterons votre demande rapidement.
` + debtorLink(`Pour régler en ligne, nous poser une question ou nous signaler un paiement déjà effectué :`) + `
Merci par avance.

Bien cordialement,

{{signature}}`,
}

var frStdReminder2 = Template{
	Subject: `{{if eq invoice_count 1}}2e relance : {{invoice_numbers}} toujours en attente{{else}}2e relance : {{invoice_count}} factures en attente{{end}}`,
	Body: `{{if contact_name}}Bonjour {{contact_name}},{{else}}Bonjour,{{end}}

Malgré notre précédent rappel, {{if eq invoice_count 1}}la facture suivante reste impayée{{else}}les factures suivantes restent impayées{{end}} à ce jour :

{{invoice_table}}

Le montant dû s'élève à {{total_due}}, avec un retard de {{days_late}} jours{{if gt invoice_count 1}} pour la plus ancienne{{end}}.

Pourriez-vous nous indiquer, en réponse à ce message, la date à laquelle le règlement sera effectué ? Si vous le souhaitez, nous pouvons aussi en parler par téléphone : proposez-nous simplement un créneau.
{{if penalties}}
Nous vous rappelons qu'en application des articles L441-10 et D441-5 du Code de commerce, tout retard de paiement entraîne de plein droit des pénalités de retard{{if interest_rate}} au taux annuel de {{interest_rate}}{{end}} et une indemnité forfaitaire de 40 € par facture pour frais de recouvrement, soit {{penalties}} à ce jour.
{{end}}` + debtorLink(`Pour régler en ligne ou nous signaler un paiement :`) + `
Bien cordialement,

{{signature}}`,
}

// frCallFacts opens the call sheets of the reminders that may cite penalties: who to call, what is
// owed, the invoices.
const frCallFacts = `Client : {{customer_name}}
Interlocuteur : {{if contact_name}}{{contact_name}}{{else}}service comptabilité fournisseurs{{end}}
Montant dû : {{total_due}}, jusqu'à {{days_late}} jours de retard
Factures : {{invoice_numbers}}{{if penalties}}
Pénalités à ce jour : {{penalties}}{{end}}

{{invoice_table}}

`

var frStdCall = Template{
	Subject: `Appel : {{customer_name}}, {{total_due}} en retard`,
	Body: `Objectif : obtenir une date de règlement ferme avant l'envoi de la mise en demeure.

` + frCallFacts + `Déroulé proposé :
1. Se présenter ({{organization_name}}) et vérifier que l'on parle à la bonne personne.
2. Rappeler les factures concernées, l'échéance la plus ancienne ({{oldest_due_date}}) et les deux relances écrites restées sans réponse.
3. Demander s'il existe un blocage : facture non reçue, litige, circuit de validation. En cas de litige, le noter : les relances sur la facture concernée s'arrêtent.
4. Obtenir une date de règlement précise et le moyen de paiement, puis l'enregistrer comme promesse de règlement.
5. Sans engagement, indiquer calmement qu'une mise en demeure sera envoyée dans quelques jours.

Après l'appel : noter le résultat (joint, message laissé, promesse, litige) dans l'historique du client.`,
}

// frFormalNotice is the body of the mise en demeure, shared by the letter and its email copy.
const frFormalNotice = `Madame, Monsieur,

Malgré nos relances, {{if eq invoice_count 1}}la facture {{invoice_numbers}}, échue le {{oldest_due_date}}, demeure impayée{{else}}les factures {{invoice_numbers}}, dont la plus ancienne est échue depuis le {{oldest_due_date}}, demeurent impayées{{end}} à ce jour :

{{invoice_table}}

Par la présente, nous vous mettons en demeure de nous régler, dans un délai de huit (8) jours à compter de la réception de ce courrier, la somme de {{total_due}} en principal{{if penalties}}, augmentée de {{penalties}} au titre des pénalités de retard{{if interest_rate}} calculées au taux annuel de {{interest_rate}}{{end}} et de l'indemnité forfaitaire pour frais de recouvrement, dues de plein droit en application des articles L441-10 et D441-5 du Code de commerce{{end}}.

Le règlement peut être effectué par virement bancaire sur le compte figurant sur nos factures, en indiquant {{if eq invoice_count 1}}le numéro de facture{{else}}les numéros de facture{{end}} en référence{{if debtor_link}}, ou en ligne :

{{debtor_link}}
{{else}}.
{{end}}
À défaut de règlement dans ce délai, nous engagerons sans autre avis une procédure d'injonction de payer devant la juridiction compétente, ainsi que toute action utile au recouvrement de notre créance.

Si vous estimez que tout ou partie de cette somme n'est pas due, merci de nous le faire savoir par écrit dans le même délai, avec les justificatifs utiles.

La présente vaut mise en demeure au sens de l'article 1344 du Code civil.

Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.

{{signature}}`

var frFormalLetter = Template{
	Subject: `Mise en demeure de payer : {{if eq invoice_count 1}}{{invoice_numbers}}{{else}}{{invoice_count}} factures{{end}} (8 jours)`,
	Body: `{{organization_name}}
à {{customer_name}}{{if contact_name}}, à l'attention de {{contact_name}}{{end}}

Le {{today}}

Lettre recommandée avec accusé de réception
Objet : mise en demeure de payer {{if eq invoice_count 1}}la facture {{invoice_numbers}}{{else}}les factures {{invoice_numbers}}{{end}}

` + frFormalNotice,
}

var frFormalEmail = Template{
	Subject: frFormalLetter.Subject,
	Body: `À l'attention de {{if contact_name}}{{contact_name}}, {{end}}{{customer_name}}

Vous trouverez ci-dessous la copie de la mise en demeure que {{organization_name}} vous adresse ce jour, {{today}}, par lettre recommandée avec accusé de réception.

` + frFormalNotice,
}

var frAmicable = Template{
	Subject: `{{if eq invoice_count 1}}Facture {{invoice_numbers}} : passage en recouvrement{{else}}{{invoice_count}} factures : passage en recouvrement{{end}}`,
	Body: `{{if contact_name}}Bonjour {{contact_name}},{{else}}Bonjour,{{end}}

Malgré nos relances et notre mise en demeure, {{if eq invoice_count 1}}la facture suivante reste impayée{{else}}les factures suivantes restent impayées{{end}} :

{{invoice_table}}

Votre dossier est désormais confié à notre service de recouvrement amiable. La somme réclamée s'élève à {{total_due}} en principal{{if penalties}}, à laquelle s'ajoutent {{penalties}} de pénalités de retard et d'indemnités forfaitaires pour frais de recouvrement (art. L441-10 et D441-5 du Code de commerce){{end}}.

Il s'agit d'une démarche amiable : aucune décision de justice n'a été rendue. Nous restons ouverts à une solution, qu'il s'agisse d'un règlement immédiat ou, si vous rencontrez des difficultés, d'un échéancier que nous pouvons étudier ensemble. Répondez simplement à ce message.
` + debtorLink(`Pour régler en ligne ou nous faire une proposition :`) + `
Sans réponse de votre part sous quinze jours, nous devrons envisager un recouvrement judiciaire.

Cordialement,

{{signature}}`,
}

var frLegal = Template{
	Subject: `{{if eq invoice_count 1}}Facture {{invoice_numbers}} : recouvrement judiciaire{{else}}{{invoice_count}} factures : recouvrement judiciaire{{end}}`,
	Body: `{{if contact_name}}Bonjour {{contact_name}},{{else}}Bonjour,{{end}}

Malgré nos relances, notre mise en demeure et la phase de recouvrement amiable, {{if eq invoice_count 1}}la facture suivante reste impayée{{else}}les factures suivantes restent impayées{{end}} :

{{invoice_table}}

Nous vous informons que nous engageons une procédure de recouvrement judiciaire : une requête en injonction de payer va être déposée auprès de la juridiction compétente pour la somme de {{total_due}} en principal{{if penalties}}, augmentée de {{penalties}} de pénalités de retard et d'indemnités forfaitaires pour frais de recouvrement (art. L441-10 et D441-5 du Code de commerce){{end}}.

Un règlement intégral reçu avant le dépôt de la requête mettrait fin à cette démarche{{if debtor_link}} :

{{debtor_link}}
{{else}}.
{{end}}
Cordialement,

{{signature}}`,
}

var frKeyPreventive = Template{
	Subject: `{{if eq invoice_count 1}}Facture {{invoice_numbers}} : échéance le {{oldest_due_date}}{{else}}Vos factures : prochaine échéance le {{oldest_due_date}}{{end}}`,
	Body: `{{if contact_name}}Bonjour {{contact_name}},{{else}}Bonjour,{{end}}

Petit point avant l'échéance du {{oldest_due_date}} : voici {{if eq invoice_count 1}}la facture qui arrive{{else}}les factures qui arrivent{{end}} bientôt à échéance.

{{invoice_table}}

Tout est-il en ordre de votre côté ? Si un bon de commande, une référence interne ou une validation manque, dites-le-nous : nous vous enverrons volontiers ce qu'il faut pour que le règlement de {{total_due}} puisse partir à temps.
` + debtorLink(`Vos factures et nos coordonnées bancaires restent disponibles ici :`) + `
Merci pour votre confiance et à bientôt,

{{signature}}`,
}

var frKeyCall1 = Template{
	Subject: `Appel de courtoisie : {{customer_name}} ({{total_due}})`,
	Body: `Objectif : un appel de courtoisie, pas une relance. Vérifier que {{if eq invoice_count 1}}la facture est{{else}}les factures sont{{end}} bien dans le circuit de paiement du client.

Client : {{customer_name}}
Interlocuteur : {{if contact_name}}{{contact_name}}{{else}}service comptabilité fournisseurs{{end}}
Montant : {{total_due}}, échu depuis le {{oldest_due_date}}
Factures : {{invoice_numbers}}

{{invoice_table}}

Points à aborder :
1. Prendre des nouvelles et rappeler simplement la ou les factures échues.
2. Vérifier la réception, la validation et la date de la prochaine campagne de paiement.
3. Proposer d'envoyer un duplicata, un bon de commande ou un relevé si cela aide.
4. Noter la date de règlement annoncée comme promesse de règlement.

Ton : cordial et bref. Ne pas évoquer de pénalités à ce stade.`,
}

var frKeyReminder1 = Template{
	Subject: `{{if eq invoice_count 1}}Facture {{invoice_numbers}} : un point sur le règlement{{else}}{{invoice_count}} factures : un point sur le règlement{{end}}`,
	Body: `{{if contact_name}}Bonjour {{contact_name}},{{else}}Bonjour,{{end}}

Je me permets de revenir vers vous au sujet {{if eq invoice_count 1}}de la facture suivante, échue le {{oldest_due_date}}{{else}}des factures suivantes{{end}}, dont nous n'avons pas encore reçu le règlement :

{{invoice_table}}

Pourriez-vous me dire où en est le règlement de {{total_due}} ? S'il y a une question sur une facture ou une étape de validation en attente, je suis à votre disposition pour la débloquer avec vous.
` + debtorLink(`Pour régler en ligne ou consulter vos factures :`) + `
Merci beaucoup et bonne journée,

{{signature}}`,
}

var frKeyCall2 = Template{
	Subject: `Appel : {{customer_name}}, {{total_due}} à {{days_late}} jours`,
	Body: `Objectif : obtenir une date de règlement et lever tout blocage, en lien avec le commercial qui suit le compte.

Client : {{customer_name}}
Interlocuteur : {{if contact_name}}{{contact_name}}{{else}}service comptabilité fournisseurs{{end}}
Montant dû : {{total_due}}, jusqu'à {{days_late}} jours de retard
Factures : {{invoice_numbers}}

{{invoice_table}}

Déroulé proposé :
1. Avant l'appel, vérifier avec le commercial qu'aucun litige ou geste commercial n'est en cours.
2. Rappeler le premier appel et le message écrit restés sans suite.
3. Identifier le blocage (validation, trésorerie, litige) et la personne qui peut le lever.
4. Obtenir une date de règlement précise ; si besoin, proposer un échéancier.
5. Enregistrer la promesse ou le litige ; prévenir le commercial du résultat.`,
}

var frKeyReminder2 = Template{
	Subject: `{{if eq invoice_count 1}}Facture {{invoice_numbers}} : règlement attendu{{else}}{{invoice_count}} factures : règlement attendu{{end}}`,
	Body: `{{if contact_name}}Bonjour {{contact_name}},{{else}}Bonjour,{{end}}

Malgré nos échanges, {{if eq invoice_count 1}}la facture suivante reste impayée{{else}}les factures suivantes restent impayées{{end}}, avec un retard de {{days_late}} jours{{if gt invoice_count 1}} pour la plus ancienne{{end}} :

{{invoice_table}}

Nous tenons à notre relation et souhaitons régler ce point simplement. Pourriez-vous nous confirmer une date de règlement pour {{total_due}} d'ici la fin de la semaine ?
{{if penalties}}
Pour mémoire, les conditions légales (art. L441-10 et D441-5 du Code de commerce) prévoient des pénalités de retard{{if interest_rate}} au taux annuel de {{interest_rate}}{{end}} et une indemnité forfaitaire de 40 € par facture, soit {{penalties}} à ce jour. Nous préférerions ne pas avoir à les appliquer.
{{end}}` + debtorLink(`Pour régler en ligne :`) + `
Bien cordialement,

{{signature}}`,
}

var frKeyAmicable = Template{
	Subject: `{{if eq invoice_count 1}}Facture {{invoice_numbers}} : trouvons une solution{{else}}{{invoice_count}} factures : trouvons une solution{{end}}`,
	Body: `{{if contact_name}}Bonjour {{contact_name}},{{else}}Bonjour,{{end}}

Malgré nos échanges et notre mise en demeure, {{if eq invoice_count 1}}la facture suivante reste impayée{{else}}les factures suivantes restent impayées{{end}} :

{{invoice_table}}

Votre dossier est désormais suivi par notre service de recouvrement amiable pour la somme de {{total_due}} en principal{{if penalties}}, augmentée de {{penalties}} de pénalités de retard et d'indemnités forfaitaires (art. L441-10 et D441-5 du Code de commerce){{end}}. Aucune décision de justice n'a été rendue : il s'agit d'une démarche amiable.

Compte tenu de notre relation, nous souhaitons avant tout trouver une issue avec vous : un règlement immédiat, ou un échéancier si votre trésorerie l'exige. Pouvons-nous convenir d'un rendez-vous téléphonique cette semaine ?
` + debtorLink(`Pour régler en ligne ou nous faire une proposition :`) + `
Bien cordialement,

{{signature}}`,
}

var frLatePreventive1 = Template{
	Subject: `{{if eq invoice_count 1}}Facture {{invoice_numbers}} : échéance le {{oldest_due_date}}{{else}}Vos factures : prochaine échéance le {{oldest_due_date}}{{end}}`,
	Body: `{{if contact_name}}Bonjour {{contact_name}},{{else}}Bonjour,{{end}}

Nous anticipons l'échéance {{if eq invoice_count 1}}de la facture suivante{{else}}des factures suivantes{{end}} pour que rien n'en retarde le règlement :

{{invoice_table}}

Pourriez-vous nous confirmer dès maintenant :
- que {{if eq invoice_count 1}}la facture a bien été reçue et validée{{else}}les factures ont bien été reçues et validées{{end}} ;
- la date et le moyen de règlement prévus pour {{total_due}}, au plus tard le {{oldest_due_date}} ?

Si un document vous manque ou si un montant pose question, signalez-le-nous aujourd'hui : nous avons le temps de le corriger avant l'échéance.
` + debtorLink(`Vos factures, nos coordonnées bancaires et le paiement en ligne :`) + `
Bien cordialement,

{{signature}}`,
}

var frLatePreventive2 = Template{
	Subject: `{{if eq invoice_count 1}}Facture {{invoice_numbers}} : échéance dans 5 jours{{else}}{{invoice_count}} factures : échéance dans 5 jours{{end}}`,
	Body: `{{if contact_name}}Bonjour {{contact_name}},{{else}}Bonjour,{{end}}

{{if eq invoice_count 1}}La facture suivante arrive{{else}}Les factures suivantes arrivent{{end}} à échéance le {{oldest_due_date}}, dans cinq jours :

{{invoice_table}}

Merci de vérifier que le règlement de {{total_due}} est bien programmé pour cette date. Un virement émis aujourd'hui nous parviendra à temps.
` + debtorLink(`Pour régler en ligne dès maintenant :`) + `
Bien cordialement,

{{signature}}`,
}

var frLateDue = Template{
	Subject: `{{if eq invoice_count 1}}Facture {{invoice_numbers}} à régler aujourd'hui{{else}}{{invoice_count}} factures à régler aujourd'hui{{end}}`,
	Body: `{{if contact_name}}Bonjour {{contact_name}},{{else}}Bonjour,{{end}}

{{if eq invoice_count 1}}La facture suivante arrive{{else}}Les factures suivantes arrivent{{end}} à échéance aujourd'hui :

{{invoice_table}}

Nous comptons sur votre règlement de {{total_due}} ce jour. Merci de nous confirmer son envoi en réponse à ce message.
` + debtorLink(`Pour régler en ligne :`) + `
Bien cordialement,

{{signature}}`,
}

var frLateReminder1 = Template{
	Subject: `{{if eq invoice_count 1}}Rappel : facture {{invoice_numbers}} échue le {{oldest_due_date}}{{else}}Rappel : {{invoice_count}} factures échues{{end}}`,
	Body: `{{if contact_name}}Bonjour {{contact_name}},{{else}}Bonjour,{{end}}

Nous n'avons pas reçu le règlement {{if eq invoice_count 1}}de la facture suivante, échue le {{oldest_due_date}}{{else}}des factures suivantes{{end}} :

{{invoice_table}}

Merci de procéder sans attendre au règlement de {{total_due}} et de nous indiquer en réponse la date d'envoi du paiement. Si un point bloque le règlement, dites-le-nous aujourd'hui.
` + debtorLink(`Pour régler en ligne ou nous signaler un paiement déjà effectué :`) + `
Bien cordialement,

{{signature}}`,
}

var frLateReminder2 = Template{
	Subject: `{{if eq invoice_count 1}}2e relance : {{invoice_numbers}} toujours impayée{{else}}2e relance : {{invoice_count}} factures impayées{{end}}`,
	Body: `{{if contact_name}}Bonjour {{contact_name}},{{else}}Bonjour,{{end}}

Malgré notre rappel, {{if eq invoice_count 1}}la facture suivante reste impayée{{else}}les factures suivantes restent impayées{{end}}, avec {{days_late}} jours de retard{{if gt invoice_count 1}} pour la plus ancienne{{end}} :

{{invoice_table}}

Nous vous demandons de régler {{total_due}} sous 48 heures, ou de nous communiquer en réponse une date de règlement ferme.
{{if penalties}}
En application des articles L441-10 et D441-5 du Code de commerce, ce retard entraîne de plein droit des pénalités{{if interest_rate}} au taux annuel de {{interest_rate}}{{end}} et une indemnité forfaitaire de 40 € par facture, soit {{penalties}} à ce jour.
{{end}}` + debtorLink(`Pour régler en ligne :`) + `
Sans règlement ni réponse de votre part, nous vous adresserons une mise en demeure.

Bien cordialement,

{{signature}}`,
}

var frLateCall = Template{
	Subject: `Appel : {{customer_name}}, {{total_due}} en retard`,
	Body: `Objectif : obtenir une date de règlement ferme ; ce client paie habituellement en retard, la mise en demeure part à J+21.

` + frCallFacts + `Déroulé proposé :
1. Rappeler les relances écrites restées sans réponse.
2. Demander une date de règlement précise et le moyen de paiement ; l'enregistrer comme promesse.
3. En cas de litige, le noter : les relances s'arrêtent sur la facture concernée.
4. Rappeler que des pénalités courent et qu'une mise en demeure suivra sans règlement.

Après l'appel : noter le résultat dans l'historique du client.`,
}
