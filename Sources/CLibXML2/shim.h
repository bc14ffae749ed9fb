// libxml2's HTML parser, for hosts' transparency pages (Debian: libxml2-dev).
//
// Debian builds libxml2 with ICU, and its encoding header then includes ICU's, which clash with the ICU that
// Foundation brings as a module. The registry never touches libxml2's encoding handlers (it only holds
// pointers to them), so their ICU members are left out of this view.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
