package docs

import _ "embed" // for the generated document below

// SwaggerJSON is docs/swagger.json exactly as `make docs` wrote it: the API description that
// /api/openapi.json serves. The bytes are served as they are, never through swag's text/template
// registry (docs.go), where an annotation holding "{{…}}" (a template variable in an example)
// breaks the template and the registry serves its raw template instead of the document.
//
//go:embed swagger.json
var SwaggerJSON []byte

// SwaggerYAML is docs/swagger.yaml, the same document in YAML.
//
//go:embed swagger.yaml
var SwaggerYAML []byte
