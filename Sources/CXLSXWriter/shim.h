// libxlsxwriter (Debian: libxlsxwriter-dev), which writes the report's .xlsx workbook.
#include <xlsxwriter.h>
