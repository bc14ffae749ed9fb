// libxml2's HTML parser, for hosts' transparency pages (Debian: libxml2-dev).
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
