/* Prints a line and exits with code 0 (emulator status 1). */
#include "guest.h"

int main(void)
{
    printf("Hello from the kvmemu test guest\n");
    return 0;
}
