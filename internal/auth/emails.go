package auth

import (
	"bytes"
	"embed"
	htmltemplate "html/template"
	texttemplate "text/template"

	"gorm.io/gorm"

	"github.com/relance/relance/internal/platform/mail"
)

//go:embed templates
var templatesFS embed.FS

var (
	invitationHTML = htmltemplate.Must(htmltemplate.ParseFS(templatesFS, "templates/invitation.html"))
	invitationText = texttemplate.Must(texttemplate.ParseFS(templatesFS, "templates/invitation.txt"))
)

type invitationCopy struct {
	Subject, Title, Body, Button, Expiry string
}

var invitationCopies = map[string]func(inviter, org, role string) invitationCopy{
	"fr": func(inviter, org, role string) invitationCopy {
		return invitationCopy{
			Subject: "Invitation à rejoindre " + org + " sur Relance",
			Title:   "Vous êtes invité·e sur Relance",
			Body:    inviter + " vous invite à rejoindre " + org + " sur Relance, avec le rôle « " + role + " », pour suivre ensemble les factures clients et leurs relances.",
			Button:  "Accepter l'invitation",
			Expiry:  "Ce lien est valable 7 jours. Si vous n'attendiez pas cette invitation, ignorez ce message.",
		}
	},
	"en": func(inviter, org, role string) invitationCopy {
		return invitationCopy{
			Subject: "Invitation to join " + org + " on Relance",
			Title:   "You are invited to Relance",
			Body:    inviter + " invites you to join " + org + " on Relance as " + role + ", to follow up customer invoices together.",
			Button:  "Accept the invitation",
			Expiry:  "This link works for 7 days. If you were not expecting this invitation, ignore this message.",
		}
	},
}

var roleNames = map[string]map[Role]string{
	"fr": {RoleOwner: "propriétaire", RoleAdmin: "administrateur", RoleCollector: "chargé de recouvrement", RoleViewer: "lecteur"},
	"en": {RoleOwner: "owner", RoleAdmin: "admin", RoleCollector: "collector", RoleViewer: "viewer"},
}

// invitationEmail renders the invitation in the inviter's language (or the organisation's).
func (s *Service) invitationEmail(tx *gorm.DB, p Principal, inv Invitation, token string) (mail.Message, error) {
	var org Organization
	if err := tx.Take(&org, "id = ?", inv.OrganizationID).Error; err != nil {
		return mail.Message{}, err
	}
	lang, inviter, replyTo := org.Locale, org.Name, ""
	if p.IsUser() {
		var u User
		if err := tx.Take(&u, "id = ?", p.UserID).Error; err != nil {
			return mail.Message{}, err
		}
		lang, inviter, replyTo = u.Locale, u.Name, u.Email
	}
	if invitationCopies[lang] == nil {
		lang = "fr"
	}
	cp := invitationCopies[lang](inviter, org.Name, roleNames[lang][inv.Role])
	return accountEmail(inv.Email, replyTo, cp, lang, s.baseURL+"/invite/"+token)
}

// accountEmail renders an email of the accounts' templates (an invitation, a password reset):
// cp's words in lang, its button opening link.
func accountEmail(to, replyTo string, cp invitationCopy, lang, link string) (mail.Message, error) {
	data := struct {
		invitationCopy
		Lang, Link string
	}{cp, lang, link}
	var html, text bytes.Buffer
	if err := invitationHTML.Execute(&html, data); err != nil {
		return mail.Message{}, err
	}
	if err := invitationText.Execute(&text, data); err != nil {
		return mail.Message{}, err
	}
	return mail.Message{To: []string{to}, ReplyTo: replyTo, Subject: cp.Subject, Text: text.String(), HTML: html.String()}, nil
}
