package render

// English templates of the default scenarios, the counterparts of templates_fr.go.

var enStdPreventive = Template{
	Subject: `{{if eq invoice_count 1}}Invoice {{invoice_numbers}} due on {{oldest_due_date}}{{else}}Your invoices: next due date {{oldest_due_date}}{{end}}`,
	Body: `{{if contact_name}}Dear {{contact_name}},{{else}}Hello,{{end}}

As we prepare our upcoming due dates, we would simply like to make sure everything is in order on your side:

{{invoice_table}}

Could you confirm that {{if eq invoice_count 1}}this invoice has reached you and has been approved{{else}}these invoices have reached you and have been approved{{end}}? Can we count on payment of {{total_due}} on the due date{{if eq invoice_count 1}}, {{oldest_due_date}}{{end}}?

If anything is holding it up (purchase order, billing address, an amount to correct), please let us know now and we will sort it out together.
` + debtorLink(`Your invoices, our bank details and a form to ask us a question are available on your page:`) + `
Thank you in advance for your reply.

Kind regards,

{{signature}}`,
}

var enStdDue = Template{
	Subject: `{{if eq invoice_count 1}}Invoice {{invoice_numbers}} is due today{{else}}{{invoice_count}} invoices are falling due{{end}}`,
	Body: `{{if contact_name}}Dear {{contact_name}},{{else}}Hello,{{end}}

A quick note: {{if eq invoice_count 1}}the following invoice is{{else}}the following invoices are{{end}} due today:

{{invoice_table}}

Amount to pay: {{total_due}}.
` + debtorLink(`You can pay online or find our bank details here:`) + `
Thank you for your payment.

Kind regards,

{{signature}}`,
}

var enStdReminder1 = Template{
	Subject: `{{if eq invoice_count 1}}Reminder: invoice {{invoice_numbers}} was due {{oldest_due_date}}{{else}}Reminder: {{invoice_count}} overdue invoices{{end}}`,
	Body: `{{if contact_name}}Dear {{contact_name}},{{else}}Hello,{{end}}

Unless we are mistaken, we have not yet received payment for {{if eq invoice_count 1}}the following invoice, due on {{oldest_due_date}}{{else}}the following invoices{{end}}:

{{invoice_table}}

This is probably a simple oversight. Could you arrange payment of {{total_due}} in the next few days?

If anything prevents you from paying (invoice not received, a question about an amount, a disagreement), simply reply to this message and we will deal with it promptly.
` + debtorLink(`To pay online, ask us a question or tell us about a payment already made:`) + `
Thank you in advance.

Kind regards,

{{signature}}`,
}

var enStdReminder2 = Template{
	Subject: `{{if eq invoice_count 1}}Second reminder: {{invoice_numbers}} still unpaid{{else}}Second reminder: {{invoice_count}} invoices unpaid{{end}}`,
	Body: `{{if contact_name}}Dear {{contact_name}},{{else}}Hello,{{end}}

Despite our previous reminder, {{if eq invoice_count 1}}the following invoice remains{{else}}the following invoices remain{{end}} unpaid:

{{invoice_table}}

The amount due is {{total_due}}, now {{days_late}} days late{{if gt invoice_count 1}} for the oldest invoice{{end}}.

Could you reply to this message with the date on which payment will be made? If you prefer, we can also discuss it by phone: just suggest a time.
{{if penalties}}
Please note that under articles L441-10 and D441-5 of the French Commercial Code, late payment automatically incurs late-payment interest{{if interest_rate}} at an annual rate of {{interest_rate}}{{end}} and a fixed recovery indemnity of €40 per invoice, amounting to {{penalties}} to date.
{{end}}` + debtorLink(`To pay online or tell us about a payment:`) + `
Kind regards,

{{signature}}`,
}

// enCallFacts opens the call sheets of the reminders that may cite penalties: who to call, what is
// owed, the invoices.
const enCallFacts = `Customer: {{customer_name}}
Contact: {{if contact_name}}{{contact_name}}{{else}}accounts payable{{end}}
Amount due: {{total_due}}, up to {{days_late}} days late
Invoices: {{invoice_numbers}}{{if penalties}}
Penalties to date: {{penalties}}{{end}}

{{invoice_table}}

`

var enStdCall = Template{
	Subject: `Call: {{customer_name}}, {{total_due}} overdue`,
	Body: `Goal: get a firm payment date before the formal notice is sent.

` + enCallFacts + `Suggested outline:
1. Introduce yourself ({{organization_name}}) and check you are speaking to the right person.
2. Recall the invoices, the oldest due date ({{oldest_due_date}}) and the two written reminders left unanswered.
3. Ask whether anything is blocking payment: invoice not received, dispute, approval process. If there is a dispute, record it: reminders stop for that invoice.
4. Get a precise payment date and method, and record it as a promise to pay.
5. Without pressure, say calmly that a formal notice will be sent in a few days.

After the call: record the outcome (reached, voicemail, promise, dispute) in the customer's history.`,
}

// enFormalNotice is the body of the formal notice, shared by the letter and its email copy.
const enFormalNotice = `Dear Sir or Madam,

Despite our reminders, {{if eq invoice_count 1}}invoice {{invoice_numbers}}, due on {{oldest_due_date}}, remains{{else}}invoices {{invoice_numbers}}, the oldest of which was due on {{oldest_due_date}}, remain{{end}} unpaid to date:

{{invoice_table}}

We hereby give you formal notice to pay us, within eight (8) days of receipt of this letter, the sum of {{total_due}} in principal{{if penalties}}, plus {{penalties}} in late-payment interest{{if interest_rate}} at an annual rate of {{interest_rate}}{{end}} and fixed recovery indemnities, owed by law under articles L441-10 and D441-5 of the French Commercial Code{{end}}.

Payment can be made by bank transfer to the account shown on our invoices, quoting {{if eq invoice_count 1}}the invoice number{{else}}the invoice numbers{{end}} as reference{{if debtor_link}}, or online:

{{debtor_link}}
{{else}}.
{{end}}
Failing payment within this period, we will, without further notice, apply to the competent court for an order for payment (injonction de payer) and take any action needed to recover our claim.

If you believe that all or part of this sum is not owed, please tell us in writing within the same period, with supporting documents.

This letter constitutes formal notice within the meaning of article 1344 of the French Civil Code.

Yours faithfully,

{{signature}}`

var enFormalLetter = Template{
	Subject: `Formal notice to pay: {{if eq invoice_count 1}}{{invoice_numbers}}{{else}}{{invoice_count}} invoices{{end}} (8 days)`,
	Body: `{{organization_name}}
to {{customer_name}}{{if contact_name}}, for the attention of {{contact_name}}{{end}}

{{today}}

Recorded delivery with acknowledgement of receipt
Subject: formal notice to pay {{if eq invoice_count 1}}invoice {{invoice_numbers}}{{else}}invoices {{invoice_numbers}}{{end}}

` + enFormalNotice,
}

var enFormalEmail = Template{
	Subject: enFormalLetter.Subject,
	Body: `For the attention of {{if contact_name}}{{contact_name}}, {{end}}{{customer_name}}

Below is a copy of the formal notice that {{organization_name}} is sending you today, {{today}}, by recorded delivery with acknowledgement of receipt.

` + enFormalNotice,
}

var enAmicable = Template{
	Subject: `{{if eq invoice_count 1}}Invoice {{invoice_numbers}}: passed to debt collection{{else}}{{invoice_count}} invoices: passed to debt collection{{end}}`,
	Body: `{{if contact_name}}Dear {{contact_name}},{{else}}Hello,{{end}}

Despite our reminders and our formal notice, {{if eq invoice_count 1}}the following invoice remains{{else}}the following invoices remain{{end}} unpaid:

{{invoice_table}}

Your file has now been passed to our amicable debt collection department. The sum claimed is {{total_due}} in principal{{if penalties}}, plus {{penalties}} in late-payment interest and fixed recovery indemnities (art. L441-10 and D441-5 of the French Commercial Code){{end}}.

This is an amicable procedure: no court decision has been made. We remain open to a solution, whether immediate payment or, if you are facing difficulties, a payment plan we can look at together. Simply reply to this message.
` + debtorLink(`To pay online or make us a proposal:`) + `
Without a reply from you within fifteen days, we will have to consider legal collection.

Regards,

{{signature}}`,
}

var enLegal = Template{
	Subject: `{{if eq invoice_count 1}}Invoice {{invoice_numbers}}: legal collection{{else}}{{invoice_count}} invoices: legal collection{{end}}`,
	Body: `{{if contact_name}}Dear {{contact_name}},{{else}}Hello,{{end}}

Despite our reminders, our formal notice and the amicable collection stage, {{if eq invoice_count 1}}the following invoice remains{{else}}the following invoices remain{{end}} unpaid:

{{invoice_table}}

We are therefore starting legal collection: an application for an order for payment (injonction de payer) will be filed with the competent court for the sum of {{total_due}} in principal{{if penalties}}, plus {{penalties}} in late-payment interest and fixed recovery indemnities (art. L441-10 and D441-5 of the French Commercial Code){{end}}.

Full payment received before the application is filed would end this procedure{{if debtor_link}}:

{{debtor_link}}
{{else}}.
{{end}}
Regards,

{{signature}}`,
}

var enKeyPreventive = Template{
	Subject: `{{if eq invoice_count 1}}Invoice {{invoice_numbers}} due on {{oldest_due_date}}{{else}}Your invoices: next due date {{oldest_due_date}}{{end}}`,
	Body: `{{if contact_name}}Dear {{contact_name}},{{else}}Hello,{{end}}

A quick check ahead of the {{oldest_due_date}} due date: here {{if eq invoice_count 1}}is the invoice{{else}}are the invoices{{end}} falling due soon.

{{invoice_table}}

Is everything in order on your side? If a purchase order, an internal reference or an approval is missing, just tell us: we will gladly send whatever is needed so that payment of {{total_due}} can go out on time.
` + debtorLink(`Your invoices and our bank details remain available here:`) + `
Thank you for your trust, and speak soon,

{{signature}}`,
}

var enKeyCall1 = Template{
	Subject: `Courtesy call: {{customer_name}} ({{total_due}})`,
	Body: `Goal: a courtesy call, not a chase. Check that {{if eq invoice_count 1}}the invoice is{{else}}the invoices are{{end}} in the customer's payment process.

Customer: {{customer_name}}
Contact: {{if contact_name}}{{contact_name}}{{else}}accounts payable{{end}}
Amount: {{total_due}}, due since {{oldest_due_date}}
Invoices: {{invoice_numbers}}

{{invoice_table}}

Points to cover:
1. Ask how things are and simply mention the overdue invoice(s).
2. Check receipt, approval and the date of the next payment run.
3. Offer a copy of the invoice, a purchase order or a statement if that helps.
4. Record the payment date given as a promise to pay.

Tone: friendly and brief. Do not mention penalties at this stage.`,
}

var enKeyReminder1 = Template{
	Subject: `{{if eq invoice_count 1}}Invoice {{invoice_numbers}}: checking on payment{{else}}{{invoice_count}} invoices: checking on payment{{end}}`,
	Body: `{{if contact_name}}Dear {{contact_name}},{{else}}Hello,{{end}}

I am following up on {{if eq invoice_count 1}}the following invoice, due on {{oldest_due_date}}{{else}}the following invoices{{end}}, for which we have not yet received payment:

{{invoice_table}}

Could you let me know where payment of {{total_due}} stands? If there is a question about an invoice or an approval step pending, I am happy to help resolve it with you.
` + debtorLink(`To pay online or view your invoices:`) + `
Many thanks, and have a good day,

{{signature}}`,
}

var enKeyCall2 = Template{
	Subject: `Call: {{customer_name}}, {{total_due}} at {{days_late}} days`,
	Body: `Goal: get a payment date and remove any blocker, together with the account's sales contact.

Customer: {{customer_name}}
Contact: {{if contact_name}}{{contact_name}}{{else}}accounts payable{{end}}
Amount due: {{total_due}}, up to {{days_late}} days late
Invoices: {{invoice_numbers}}

{{invoice_table}}

Suggested outline:
1. Before calling, check with the sales contact that no dispute or commercial gesture is under way.
2. Recall the first call and the written reminder that went unanswered.
3. Identify the blocker (approval, cash flow, dispute) and who can remove it.
4. Get a precise payment date; offer a payment plan if needed.
5. Record the promise or the dispute; tell the sales contact the outcome.`,
}

var enKeyReminder2 = Template{
	Subject: `{{if eq invoice_count 1}}Invoice {{invoice_numbers}}: payment expected{{else}}{{invoice_count}} invoices: payment expected{{end}}`,
	Body: `{{if contact_name}}Dear {{contact_name}},{{else}}Hello,{{end}}

Despite our conversations, {{if eq invoice_count 1}}the following invoice remains{{else}}the following invoices remain{{end}} unpaid, now {{days_late}} days late{{if gt invoice_count 1}} for the oldest{{end}}:

{{invoice_table}}

We value our relationship and would like to settle this simply. Could you confirm a payment date for {{total_due}} by the end of the week?
{{if penalties}}
For the record, the legal terms (art. L441-10 and D441-5 of the French Commercial Code) provide for late-payment interest{{if interest_rate}} at an annual rate of {{interest_rate}}{{end}} and a fixed indemnity of €40 per invoice, {{penalties}} to date. We would rather not have to apply them.
{{end}}` + debtorLink(`To pay online:`) + `
Kind regards,

{{signature}}`,
}

var enKeyAmicable = Template{
	Subject: `{{if eq invoice_count 1}}Invoice {{invoice_numbers}}: let's find a solution{{else}}{{invoice_count}} invoices: let's find a solution{{end}}`,
	Body: `{{if contact_name}}Dear {{contact_name}},{{else}}Hello,{{end}}

Despite our conversations and our formal notice, {{if eq invoice_count 1}}the following invoice remains{{else}}the following invoices remain{{end}} unpaid:

{{invoice_table}}

Your file is now handled by our amicable debt collection department for the sum of {{total_due}} in principal{{if penalties}}, plus {{penalties}} in late-payment interest and fixed indemnities (art. L441-10 and D441-5 of the French Commercial Code){{end}}. No court decision has been made: this is an amicable procedure.

Given our relationship, we want above all to find a way forward with you: immediate payment, or a payment plan if your cash flow requires it. Could we arrange a call this week?
` + debtorLink(`To pay online or make us a proposal:`) + `
Kind regards,

{{signature}}`,
}

var enLatePreventive1 = Template{
	Subject: `{{if eq invoice_count 1}}Invoice {{invoice_numbers}} due on {{oldest_due_date}}{{else}}Your invoices: next due date {{oldest_due_date}}{{end}}`,
	Body: `{{if contact_name}}Dear {{contact_name}},{{else}}Hello,{{end}}

We are planning ahead for the due date of {{if eq invoice_count 1}}the following invoice{{else}}the following invoices{{end}} so that nothing delays payment:

{{invoice_table}}

Could you confirm now:
- that {{if eq invoice_count 1}}the invoice has been received and approved{{else}}the invoices have been received and approved{{end}};
- the date and method of payment planned for {{total_due}}, no later than {{oldest_due_date}}?

If a document is missing or an amount raises a question, tell us today: there is time to correct it before the due date.
` + debtorLink(`Your invoices, our bank details and online payment:`) + `
Kind regards,

{{signature}}`,
}

var enLatePreventive2 = Template{
	Subject: `{{if eq invoice_count 1}}Invoice {{invoice_numbers}}: due in 5 days{{else}}{{invoice_count}} invoices: due in 5 days{{end}}`,
	Body: `{{if contact_name}}Dear {{contact_name}},{{else}}Hello,{{end}}

{{if eq invoice_count 1}}The following invoice is{{else}}The following invoices are{{end}} due on {{oldest_due_date}}, in five days:

{{invoice_table}}

Please check that payment of {{total_due}} is scheduled for that date. A transfer sent today will reach us in time.
` + debtorLink(`To pay online now:`) + `
Kind regards,

{{signature}}`,
}

var enLateDue = Template{
	Subject: `{{if eq invoice_count 1}}Invoice {{invoice_numbers}} is due today{{else}}{{invoice_count}} invoices are due today{{end}}`,
	Body: `{{if contact_name}}Dear {{contact_name}},{{else}}Hello,{{end}}

{{if eq invoice_count 1}}The following invoice is{{else}}The following invoices are{{end}} due today:

{{invoice_table}}

We are counting on your payment of {{total_due}} today. Please confirm it has been sent by replying to this message.
` + debtorLink(`To pay online:`) + `
Kind regards,

{{signature}}`,
}

var enLateReminder1 = Template{
	Subject: `{{if eq invoice_count 1}}Reminder: invoice {{invoice_numbers}} was due {{oldest_due_date}}{{else}}Reminder: {{invoice_count}} overdue invoices{{end}}`,
	Body: `{{if contact_name}}Dear {{contact_name}},{{else}}Hello,{{end}}

We have not received payment for {{if eq invoice_count 1}}the following invoice, due on {{oldest_due_date}}{{else}}the following invoices{{end}}:

{{invoice_table}}

Please pay {{total_due}} without delay and reply with the date the payment was sent. If anything is blocking payment, tell us today.
` + debtorLink(`To pay online or tell us about a payment already made:`) + `
Kind regards,

{{signature}}`,
}

var enLateReminder2 = Template{
	Subject: `{{if eq invoice_count 1}}Second reminder: {{invoice_numbers}} still unpaid{{else}}Second reminder: {{invoice_count}} invoices unpaid{{end}}`,
	Body: `{{if contact_name}}Dear {{contact_name}},{{else}}Hello,{{end}}

Despite our reminder, {{if eq invoice_count 1}}the following invoice remains{{else}}the following invoices remain{{end}} unpaid, {{days_late}} days late{{if gt invoice_count 1}} for the oldest{{end}}:

{{invoice_table}}

We ask you to pay {{total_due}} within 48 hours, or to reply with a firm payment date.
{{if penalties}}
Under articles L441-10 and D441-5 of the French Commercial Code, this delay automatically incurs interest{{if interest_rate}} at an annual rate of {{interest_rate}}{{end}} and a fixed indemnity of €40 per invoice, amounting to {{penalties}} to date.
{{end}}` + debtorLink(`To pay online:`) + `
Without payment or a reply from you, we will send you a formal notice.

Kind regards,

{{signature}}`,
}

var enLateCall = Template{
	Subject: `Call: {{customer_name}}, {{total_due}} overdue`,
	Body: `Goal: get a firm payment date; this customer usually pays late and the formal notice goes out at D+21.

` + enCallFacts + `Suggested outline:
1. Recall the written reminders left unanswered.
2. Ask for a precise payment date and method; record it as a promise.
3. If there is a dispute, record it: reminders stop for that invoice.
4. Mention that penalties are accruing and that a formal notice will follow without payment.

After the call: record the outcome in the customer's history.`,
}
