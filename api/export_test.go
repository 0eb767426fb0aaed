package api

// TranslateFR exposes the French catalogue to the tests.
var TranslateFR = translate
