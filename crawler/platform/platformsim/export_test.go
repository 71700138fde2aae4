package platformsim

// Inner is inner, for the external tests.
var Inner = inner
