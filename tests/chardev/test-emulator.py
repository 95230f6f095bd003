#!/usr/bin/env python3
"""Chardev and legacy device behaviour seen from the emulator's command
line: serial over a socket and a file, the -nographic mux escapes on a
terminal, and QEMU's error messages.  Prints TAP."""

import argparse
import os
import pty
import select
import socket
import subprocess
import sys
import tempfile
import time

HELLO = b'Hello from the kvmemu test guest'
EXIT_DEV = ['-device', 'isa-debug-exit,iobase=0xf4,iosize=0x4']
TIMEOUT = 30

results = []


def check(name, ok, detail=''):
    results.append((name, ok, detail))


def guest_cmd(args, extra):
    return [args.qemu, '-accel', 'kvm', '-display', 'none',
            '-kernel', args.kernel] + EXIT_DEV + extra


def test_serial_file(args, tmp):
    path = os.path.join(tmp, 'serial.txt')
    p = subprocess.run(guest_cmd(args, ['-serial', 'file:' + path]),
                       capture_output=True, timeout=TIMEOUT)
    data = open(path, 'rb').read() if os.path.exists(path) else b''
    check('serial-file', p.returncode == 1 and HELLO in data,
          'status %d, file %r' % (p.returncode, data[:80]))


def test_serial_unix_socket(args, tmp):
    path = os.path.join(tmp, 'serial.sock')
    # wait=on (the default): the emulator waits for us before running
    proc = subprocess.Popen(guest_cmd(args, ['-chardev',
                                             'socket,id=s0,path=%s,server=on'
                                             % path,
                                             '-serial', 'chardev:s0']),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + TIMEOUT
    sock = None
    while time.time() < deadline and sock is None:
        try:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(path)
            sock = s
        except OSError:
            s.close()
            time.sleep(0.05)
    data = b''
    if sock:
        sock.settimeout(TIMEOUT)
        try:
            while HELLO not in data:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                data += chunk
        except OSError:
            pass
        sock.close()
    try:
        _, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
    waited = b'QEMU waiting for connection on: disconnected:unix:' in err
    check('serial-unix-socket-wait',
          sock is not None and HELLO in data and waited and
          proc.returncode == 1,
          'status %s, data %r, stderr %r' % (proc.returncode, data[:80],
                                             err[-300:]))


def read_until(fd, want, timeout):
    out = b''
    deadline = time.time() + timeout
    while want not in out and time.time() < deadline:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out


def test_mux_escapes(args, tmp):
    # -nographic: serial and monitor share stdio; the VM stays paused
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(args.qemu, [args.qemu, '-accel', 'kvm', '-nographic', '-S',
                             '-kernel', args.kernel] + EXIT_DEV)
    time.sleep(0.5)
    os.write(fd, b'\x01h')
    out = read_until(fd, b'C-a C-a  sends C-a', TIMEOUT)
    helped = b'C-a x    exit emulator' in out
    os.write(fd, b'\x01x')
    out = read_until(fd, b'QEMU: Terminated', TIMEOUT)
    deadline = time.time() + TIMEOUT
    status = None
    while time.time() < deadline:
        wpid, st = os.waitpid(pid, os.WNOHANG)
        if wpid:
            status = os.waitstatus_to_exitcode(st)
            break
        read_until(fd, b'\0', 0.1)
    if status is None:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    os.close(fd)
    check('mux-ctrl-a-h', helped)
    check('mux-ctrl-a-x', b'QEMU: Terminated' in out and status == 0,
          'status %s, out %r' % (status, out[-200:]))


def test_serial_pty(args, tmp):
    # -serial pty announces the slave on stdout, labelled serial0
    proc = subprocess.Popen([args.qemu, '-accel', 'kvm', '-display', 'none',
                             '-S', '-nodefaults', '-serial', 'pty'],
                            stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    line = read_until(proc.stdout.fileno(), b'(label serial0)', TIMEOUT)
    proc.kill()
    proc.wait()
    ok = False
    for l in line.splitlines():
        if l.startswith(b'char device redirected to /dev/') and \
                l.endswith(b' (label serial0)'):
            ok = True
    check('serial-pty-announced', ok, 'stdout %r' % line[-200:])


def test_seabios_debugcon(args, tmp):
    # The firmware logs to isa-debugcon at 0x402: it finds our two UARTs
    # (scratch register probe) and initialises the keyboard through the
    # i8042 (controller self test, keyboard reset).
    path = os.path.join(tmp, 'seabios.txt')
    proc = subprocess.Popen([args.qemu, '-accel', 'kvm', '-display', 'none',
                             '-nodefaults', '-serial', 'null',
                             '-serial', 'null',
                             '-chardev', 'file,id=dbg,path=' + path,
                             '-device', 'isa-debugcon,iobase=0x402,'
                             'chardev=dbg'],
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 90
    log = b''
    while time.time() < deadline and proc.poll() is None:
        log = open(path, 'rb').read() if os.path.exists(path) else b''
        if b'No bootable device' in log:
            break
        time.sleep(0.2)
    proc.kill()
    proc.wait()
    log = open(path, 'rb').read() if os.path.exists(path) else b''
    check('seabios-debugcon', log.startswith(b'SeaBIOS'),
          'log %r' % log[:100])
    check('seabios-finds-two-serial-ports', b'Found 2 serial ports' in log)
    check('seabios-ps2-keyboard', b'PS2 keyboard initialized' in log)


def test_misc_devices(args, tmp):
    # The test devices realize next to each other and pci-testdev shows
    # up on the bus with QEMU's identity.
    path = os.path.join(tmp, 'pciscan.txt')
    kernel = args.pciscan or args.kernel
    p = subprocess.run([args.qemu, '-accel', 'kvm', '-display', 'none',
                        '-kernel', kernel] + EXIT_DEV +
                       ['-serial', 'file:' + path,
                        '-device', 'pc-testdev', '-device', 'pci-testdev',
                        '-chardev', 'null,id=n',
                        '-device', 'isa-debugcon,chardev=n'],
                       capture_output=True, timeout=TIMEOUT)
    out = open(path, 'rb').read() if os.path.exists(path) else b''
    check('misc-devices-realize', p.returncode == 1,
          'status %d, stderr %r' % (p.returncode, p.stderr[-300:]))
    if args.pciscan:
        check('pci-testdev-identity',
              b'1b36:0005 class 00ff00 rev 00' in out, 'scan %r' % out)


def expect_error(name, args, cmdline, message):
    p = subprocess.run([args.qemu] + cmdline, capture_output=True,
                       timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    err = p.stderr.decode(errors='replace')
    check(name, p.returncode == 1 and message in err,
          'status %d, stderr %r' % (p.returncode, err[-300:]))


def test_errors(args, tmp):
    expect_error('error-bad-driver', args, ['-chardev', 'foo,id=x'],
                 "qemu-system-x86_64: -chardev foo,id=x: "
                 "'foo' is not a valid char driver name")
    expect_error('error-ringbuf-size', args,
                 ['-chardev', 'ringbuf,id=r,size=3'],
                 'size of ringbuf chardev must be power of two')
    expect_error('error-missing-backend', args, ['-chardev', 'id=x'],
                 'chardev: "x" missing backend')
    expect_error('error-serial-string', args,
                 ['-display', 'none', '-serial', 'foo:bar'],
                 "could not connect serial device to character backend "
                 "'foo:bar'")
    expect_error('error-socket-connect', args,
                 ['-display', 'none', '-chardev',
                  'socket,id=s,path=%s/none.sock' % tmp],
                 "Failed to connect to '%s/none.sock': "
                 "No such file or directory" % tmp)
    expect_error('error-rtc-clock', args,
                 ['-display', 'none', '-rtc', 'clock=bar'],
                 "invalid option value 'bar'")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--qemu', required=True)
    parser.add_argument('--kernel', required=True)
    parser.add_argument('--pciscan', help='the pciscan test guest')
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for t in (test_serial_file, test_serial_unix_socket,
                  test_mux_escapes, test_serial_pty, test_seabios_debugcon, test_misc_devices,
                  test_errors):
            try:
                t(args, tmp)
            except Exception as e:      # a crash is a failure, not an abort
                check(t.__name__, False, repr(e))
    print('1..%d' % len(results))
    failed = 0
    for i, (name, ok, detail) in enumerate(results, 1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
        if not ok:
            failed += 1
            print('# ' + detail.replace('\n', '\n# '))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
