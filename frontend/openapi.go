package frontend

import _ "embed" // for the converted document below

// OpenAPI3 is the API description converted to OpenAPI 3 (src/api/openapi.json), which
// `make docs` regenerates from docs/swagger.json for the SPA's types; /api/openapi3.json serves it.
//
//go:embed src/api/openapi.json
var OpenAPI3 []byte
