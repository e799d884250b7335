// libcsv (Debian: libcsv-dev), the streaming RFC 4180 parser the readers use.
#include <csv.h>
