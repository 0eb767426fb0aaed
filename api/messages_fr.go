package api

import (
	"strings"

	"github.com/labstack/echo/v4"
)

// messagesFR translates the messages of problems into French. Domains write their messages in
// English; a caller whose Accept-Language prefers French (the SPA sends its language) reads them
// in French. A message missing here stays in English.
var messagesFR = map[string]string{
	"An account already exists for this email address: sign in instead.":       "Un compte existe déjà pour cette adresse e-mail : connectez-vous.",
	"An organisation keeps at least one owner: make someone else owner first.": "Une organisation garde au moins un propriétaire : nommez d'abord quelqu'un d'autre propriétaire.",
	"At most 200.": "200 au maximum.",
	"Authentication is required: send a valid access token or API key.": "Authentification requise : envoyez un jeton d'accès ou une clé d'API valide.",
	"Choose admin, collector or viewer.":                                "Choisissez admin, collector ou viewer.",
	"Choose fr or en.":                                                  "Choisissez fr ou en.",
	"Choose owner, admin, collector or viewer.":                         "Choisissez owner, admin, collector ou viewer.",
	"Email or password is incorrect.":                                   "E-mail ou mot de passe incorrect.",
	"Enter a valid email address.":                                      "Saisissez une adresse e-mail valide.",
	"Enter the organisation's name.":                                    "Saisissez le nom de l'organisation.",
	"Enter your name.":                                                  "Saisissez votre nom.",
	"Expected a UUID.":                                                  "Un identifiant UUID est attendu.",
	"Expected a whole number ≥ 0.":                                      "Un nombre entier positif est attendu.",
	"Filter on pending, accepted, revoked or expired.":                  "Filtrez sur pending, accepted, revoked ou expired.",
	"Give the key a name of 1 to 100 characters.":                       "Donnez à la clé un nom de 1 à 100 caractères.",
	"No such API endpoint.":                                             "Cette adresse d'API n'existe pas.",
	"Not found.":                                                        "Introuvable.",
	"Send a JSON object in the request body.":                           "Envoyez un objet JSON dans le corps de la requête.",
	"Something went wrong on our side. Quote the request id if you contact support.": "Une erreur est survenue de notre côté. Citez l'identifiant de requête si vous contactez le support.",
	"Sort by email, role, status, created_at or expires_at.":                         "Triez par email, role, status, created_at ou expires_at.",
	"Sort by name, created_at, last_used_at or role.":                                "Triez par name, created_at, last_used_at ou role.",
	"Sort by name, email, role or created_at.":                                       "Triez par name, email, role ou created_at.",
	"The refresh token is invalid, expired or revoked: sign in again.":               "La session a expiré ou a été révoquée : reconnectez-vous.",
	"The request body is not valid JSON.":                                            "Le corps de la requête n'est pas un JSON valide.",
	"The request body is too large.":                                                 "Le corps de la requête est trop volumineux.",
	"The request has invalid fields.":                                                "Certains champs sont invalides.",
	"This account is not a member of any organisation.":                              "Ce compte n'appartient à aucune organisation.",
	"This invitation was already used, revoked or has expired.":                      "Cette invitation a déjà été utilisée, a été révoquée ou a expiré.",
	"This is not the password of your existing account.":                             "Ce n'est pas le mot de passe de votre compte existant.",
	"This person is already a member of the organisation.":                           "Cette personne est déjà membre de l'organisation.",
	"Too many failed sign-in attempts. Wait a few minutes and try again.":            "Trop de tentatives de connexion échouées. Patientez quelques minutes puis réessayez.",
	"Use at least 10 characters.":                                                    "Utilisez au moins 10 caractères.",
	"You cannot give a key more rights than you have.":                               "Vous ne pouvez pas donner à une clé plus de droits que vous n'en avez.",
	"Your role does not allow this action.":                                          "Votre rôle ne permet pas cette action.",
}

// prefersFrench reports whether the caller's Accept-Language puts French before English.
func prefersFrench(c echo.Context) bool {
	for _, part := range strings.Split(c.Request().Header.Get("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		switch {
		case strings.HasPrefix(tag, "fr"):
			return true
		case strings.HasPrefix(tag, "en"):
			return false
		}
	}
	return false
}

// localize translates a problem's messages for the caller.
func localize(c echo.Context, p *Problem) {
	if !prefersFrench(c) {
		return
	}
	tr := func(s string) string {
		if fr, ok := messagesFR[s]; ok {
			return fr
		}
		return s
	}
	p.Detail = tr(p.Detail)
	for i := range p.Errors {
		p.Errors[i].Message = tr(p.Errors[i].Message)
	}
}
