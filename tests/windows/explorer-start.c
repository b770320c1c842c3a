/* Starts a program the way Explorer starts a double-clicked one: with no arguments and a
 * console window of its own (CREATE_NEW_CONSOLE), so that the program sees itself alone on
 * its console. Prints the child's process id, then waits; when this helper's standard input
 * closes it ends the child and exits. The Wine tests use it for parscore.exe's double-click
 * start. Test-only; never shipped. */
#include <windows.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc != 2) {
        fputs("usage: explorer-start PROGRAM.exe\n", stderr);
        return 2;
    }
    STARTUPINFOW si = {sizeof si};
    PROCESS_INFORMATION pi;
    wchar_t cmdline[32768];
    _snwprintf(cmdline, 32767, L"\"%ls\"", argv[1]);
    cmdline[32767] = 0;
    if (!CreateProcessW(argv[1], cmdline, NULL, NULL, FALSE, CREATE_NEW_CONSOLE, NULL, NULL,
                        &si, &pi)) {
        fprintf(stderr, "explorer-start: cannot start (error %lu)\n", GetLastError());
        return 1;
    }
    printf("started %lu\n", pi.dwProcessId);
    fflush(stdout);
    char buf[64];
    while (fgets(buf, sizeof buf, stdin) != NULL) {
    }
    TerminateProcess(pi.hProcess, 0);
    WaitForSingleObject(pi.hProcess, 10000);
    return 0;
}
