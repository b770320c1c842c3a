/* Holds a file open the way Excel holds a workbook it is editing (read and write access,
 * other programs may only read: no FILE_SHARE_WRITE, no FILE_SHARE_DELETE), prints "held"
 * and waits until its standard input closes. The Wine tests use it to show parscore's
 * message for a file kept open in another program. Test-only; never shipped. */
#include <windows.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc != 2) {
        fputs("usage: hold-open FILE\n", stderr);
        return 2;
    }
    HANDLE h = CreateFileW(argv[1], GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL,
                           OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "hold-open: cannot open (error %lu)\n", GetLastError());
        return 1;
    }
    puts("held");
    fflush(stdout);
    char buf[64];
    while (fgets(buf, sizeof buf, stdin) != NULL) {
    }
    CloseHandle(h);
    return 0;
}
