"""One style of dates and times per language, for the pages and the admin alike
(FORMAT_MODULE_PATH). What a module leaves out, Django's own for the language gives."""
