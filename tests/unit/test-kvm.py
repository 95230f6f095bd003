#!/usr/bin/env python3
"""KVM accelerator smoke tests (TAP): tiny firmware images built here
run on the emulator with isa-debug-exit; they check the reset vector,
port I/O dispatch, system reset with RAM kept, SMP start-up (APs stay
parked), accelerator selection errors and signal handling.
Skipped when /dev/kvm is not usable."""
import os
import signal
import subprocess
import sys
import tempfile
import time

QEMU = sys.argv[1] if len(sys.argv) > 1 else 'qemu-system-x86_64'
results = []


def rom(code_hex):
    """64 KiB BIOS: code at F000:0000, a near jmp to it at the reset vector."""
    code = bytes.fromhex(code_hex)
    img = bytearray(65536)
    img[0:len(code)] = code
    img[0xfff0:0xfff3] = bytes.fromhex('e90d00')   # jmp 0x0000
    f = tempfile.NamedTemporaryFile(suffix='.bin', delete=False)
    f.write(img)
    f.close()
    return f.name


def run(args, timeout=30):
    p = subprocess.run([QEMU] + args, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=timeout)
    return p.returncode, p.stdout.decode(errors='replace')


def check(name, cond, detail=''):
    results.append((name, bool(cond), detail))


def base(bios):
    return ['-nodefaults', '-display', 'none', '-bios', bios,
            '-device', 'isa-debug-exit,iobase=0xf4,iosize=1']


def main():
    if not os.access('/dev/kvm', os.R_OK | os.W_OK):
        print('1..0 # SKIP /dev/kvm not accessible')
        return 0

    # mov al,0x42; out 0xf4,al; hlt  -> exit status (0x42 << 1) | 1
    exit42 = rom('b042e6f4f4')
    rc, out = run(base(exit42))
    check('reset vector and port I/O', rc == 0x85, '%d %s' % (rc, out))
    rc, out = run(['-machine', 'accel=tcg:kvm'] + base(exit42))
    check('accel=tcg:kvm falls back to kvm silently',
          rc == 0x85 and 'accelerator' not in out, '%d %s' % (rc, out))
    rc, out = run(['-smp', '4'] + base(exit42))
    check('APs wait for SIPI (-smp 4)', rc == 0x85, '%d %s' % (rc, out))

    # inc byte [0x500]; cmp byte [0x500],3; je done;
    # mov dx,0xcf9; mov al,6; out dx,al; jmp $;
    # done: mov al,[0x500]; out 0xf4,al; hlt
    resets = rom('fe060005803e00050374' + '08' +
                 'baf90cb006eeebfe' + 'a00005e6f4f4')
    rc, out = run(['-smp', '2'] + base(resets))
    check('guest reset keeps RAM and restarts CPUs', rc == 7,
          '%d %s' % (rc, out))
    rc, out = run(['-no-reboot'] + base(resets))
    check('-no-reboot turns the reset into an exit', rc == 0,
          '%d %s' % (rc, out))

    rc, out = run(['-accel', 'tcg'] + base(exit42))
    check('-accel tcg is refused', rc == 1 and 'invalid accelerator tcg'
          in out, '%d %s' % (rc, out))
    rc, out = run(['-accel', 'kvm,nosuchprop=1'] + base(exit42))
    check('unknown accelerator property', rc == 1 and
          "Property 'kvm-accel.nosuchprop' not found" in out,
          '%d %s' % (rc, out))
    rc, out = run(['-cpu', 'help'])
    check('-cpu help lists models', rc == 0 and all(
        'x86 %s ' % m in out for m in ('qemu64', 'kvm64', 'max', 'host')),
        out[:300])
    rc, out = run(['-cpu', 'nosuchcpu'] + base(exit42))
    check('unknown -cpu model', rc == 1 and 'nosuchcpu' in out,
          '%d %s' % (rc, out))

    # Without access to /dev/kvm (run as nobody when we are root).
    if os.geteuid() == 0 and os.path.exists('/usr/bin/setpriv'):
        p = subprocess.run(['/usr/bin/setpriv', '--reuid=65534',
                            '--regid=65534', '--clear-groups', QEMU,
                            '-nodefaults', '-display', 'none'],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=30)
        out = p.stdout.decode(errors='replace')
        check('no /dev/kvm permission', p.returncode == 1 and
              'Could not access KVM kernel module: Permission denied' in out,
              '%d %s' % (p.returncode, out))

    # A paused VM ends cleanly on SIGTERM with QEMU's message.
    p = subprocess.Popen([QEMU, '-S'] + base(exit42),
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    time.sleep(1.0)
    p.send_signal(signal.SIGTERM)
    out = p.communicate(timeout=20)[0].decode(errors='replace')
    check('SIGTERM message and exit status 0',
          p.returncode == 0 and
          'terminating on signal 15 from pid %d' % os.getpid() in out,
          '%d %s' % (p.returncode, out))

    for f in (exit42, resets):
        os.unlink(f)
    print('1..%d' % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
        if not ok:
            for line in detail.splitlines():
                print('# ' + line)
    return 0


if __name__ == '__main__':
    sys.exit(main())
