#!/usr/bin/env python3
"""Command-line checks for qemu-system-x86_64 (TAP output).

Each case runs the emulator with stdin closed and compares its exit
status and messages with what QEMU 7.2 prints for the same command line.
"""
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

EMU = sys.argv[1]
PROG = 'qemu-system-x86_64'
results = []


def run(*args, timeout=30):
    p = subprocess.run([EMU] + list(args), stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=timeout, text=True)
    return p.returncode, p.stdout, p.stderr


def case(name):
    def wrap(fn):
        results.append((name, fn))
        return fn
    return wrap


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def expect_error(args, message, rc=1):
    code, out, err = run(*args)
    expect(code == rc, f'exit status {code}, wanted {rc}; stderr={err!r}')
    line = f'{PROG}: {message}'
    expect(line in err.splitlines(),
           f'missing line {line!r} in stderr {err!r}')


@case('--version')
def t_version():
    for opt in ('--version', '-version'):
        code, out, err = run(opt)
        expect(code == 0, f'{opt}: exit {code}')
        first = out.splitlines()[0]
        expect(re.fullmatch(r'QEMU emulator version 7\.2\.0 \(kvmemu\)',
                            first), f'{opt}: first line {first!r}')
        expect(len(out.splitlines()) == 2, 'two lines')


@case('-h')
def t_help():
    for opt in ('-h', '--help', '-help'):
        code, out, err = run(opt)
        expect(code == 0, f'{opt}: exit {code}')
        expect(f'usage: {PROG} [options] [disk_image]' in out.splitlines(),
               'usage line')
        for o in ('-machine', '-device', '-smp', '-m ', '-kernel',
                  '-nographic', '-qmp'):
            expect(re.search('^' + re.escape(o), out, re.M),
                   f'{o} listed in help')


@case('-machine help')
def t_machine_help():
    for args in (['-machine', 'help'], ['-M', 'help'], ['-M', '?']):
        code, out, err = run(*args)
        expect(code == 0, f'exit {code}')
        lines = out.splitlines()
        expect(lines[0] == 'Supported machines are:', lines[0])
        expect('none                 empty machine' in lines,
               'none machine listed')
        expect(sum(l.endswith('(default)') for l in lines) <= 1,
               'at most one default')
        for l in lines[1:]:
            expect(re.fullmatch(r'\S+ +\S.*', l), f'line {l!r}')


@case('-netdev help')
def t_netdev_help():
    code, out, err = run('-netdev', 'help')
    expect(code == 0, f'exit {code}')
    lines = out.splitlines()
    expect(lines[0] == 'Available netdev backend types:', lines[0])
    for t in ('socket', 'stream', 'hubport', 'tap'):
        expect(t in lines[1:], f'{t} listed')
    # QEMU's order: socket before stream before hubport before tap
    order = [l for l in lines[1:] if l in ('socket', 'stream', 'hubport',
                                           'tap')]
    expect(order == ['socket', 'stream', 'hubport', 'tap'], f'order {order}')


def device_list():
    code, out, err = run('-device', 'help')
    expect(code == 0, f'-device help exit {code}')
    return out


@case('-device help')
def t_device_help():
    out = device_list()
    heads = ('Controller/Bridge/Hub', 'USB', 'Storage', 'Network', 'Input',
             'Display', 'Sound', 'Misc', 'CPU', 'Watchdog', 'Uncategorized')
    seen = []
    for l in out.splitlines():
        if not l:
            continue
        m = re.fullmatch(r'(.*) devices:', l)
        if m:
            expect(m.group(1) in heads, f'heading {l!r}')
            seen.append(heads.index(m.group(1)))
            continue
        expect(re.fullmatch(r'name "[^"]+"(, bus [^,]+)?(, alias "[^"]+")?'
                            r'(, desc "[^"]*")?', l), f'device line {l!r}')
    expect(seen == sorted(seen), 'categories in QEMU order')


def first_device_with_bus():
    for l in device_list().splitlines():
        m = re.fullmatch(r'name "([^"]+)", bus ([^,]+).*', l)
        if m:
            return m.group(1), m.group(2)
    return None, None


@case('-device DRIVER,help')
def t_device_driver_help():
    name, bus = first_device_with_bus()
    if not name:
        return
    code, out, err = run('-device', f'{name},help')
    expect(code == 0, f'exit {code}')
    lines = out.splitlines()
    expect(lines[0] in (f'{name} options:', f'There are no options for {name}.'),
           lines[0])
    props = lines[1:]
    expect(props == sorted(props), 'sorted by name')
    for l in props:
        expect(re.fullmatch(r'  [^=]+=<[^>]+>( +- .*)?', l), f'prop {l!r}')
    expect_error(['-device', 'nosuch-dev,help'],
                 "-device nosuch-dev,help: Device 'nosuch-dev' not found",
                 rc=0)


@case('invalid option')
def t_invalid_option():
    expect_error(['-foo'], '-foo: invalid option')
    expect_error(['--foo'], '--foo: invalid option')
    expect_error(['-M', 'none', '-nosuch-option', 'x'],
                 '-nosuch-option: invalid option')


@case('missing argument')
def t_missing_argument():
    expect_error(['-m'], '-m: requires an argument')
    expect_error(['-device'], '-device: requires an argument')
    expect_error(['--smp'], '--smp: requires an argument')


@case('bad -smp')
def t_bad_smp():
    expect_error(['-M', 'none', '-smp', '2'],
                 "Invalid SMP CPUs 2. The max CPUs supported by machine "
                 "'none' is 1")
    expect_error(['-M', 'none', '-smp', 'sockets=2,cores=2,maxcpus=3'],
                 'Invalid CPU topology: product of the hierarchy must match '
                 'maxcpus: sockets (2) * cores (2) * threads (0) != '
                 'maxcpus (3)')
    expect_error(['-M', 'none', '-smp', 'cpus=2,maxcpus=1'],
                 'Invalid CPU topology: maxcpus must be equal to or greater '
                 'than smp: sockets (1) * cores (1) * threads (1) == '
                 'maxcpus (1) < smp_cpus (2)')


@case('bad -m')
def t_bad_m():
    code, out, err = run('-M', 'none', '-m', '1x')
    expect(code == 1, f'exit {code}')
    expect(err.startswith(f"{PROG}: -m 1x: Parameter 'size' expects a "
                          "non-negative number below 2^64\n"), err)
    expect_error(['-M', 'none', '-m', '1G,maxmem=512M'],
                 'invalid value of maxmem: maximum memory size (0x20000000) '
                 'must be at least the initial memory size (0x40000000)')
    expect_error(['-M', 'none', '-m', '1G,slots=2'],
                 'slots specified but no max-size')


@case('machine selection')
def t_machine():
    code, out, err = run('-M', 'nosuch')
    expect(code == 1, f'exit {code}')
    expect(err == f'{PROG}: unsupported machine type\n'
                  'Use -machine help to list supported machines\n', err)
    expect_error(['-M', 'none,foo=1'],
                 "Property 'none-machine.foo' not found")


@case('unknown device')
def t_unknown_device():
    expect_error(['-M', 'none', '-device', 'foo'],
                 "-device foo: 'foo' is not a valid device model name")
    expect_error(['-M', 'none', '-device', 'id=x'],
                 "-device id=x: Parameter 'driver' is missing")
    expect_error(['-M', 'none', '-device', '{"id":"x"}'],
                 '-device {"id":"x"}: Parameter \'driver\' is missing')


@case('no suitable bus')
def t_no_bus():
    name, bus = first_device_with_bus()
    if not name:
        return
    expect_error(['-M', 'none', '-device', name],
                 f"-device {name}: No '{bus}' bus found for device '{name}'")
    expect_error(['-M', 'none', '-device', f'{name},bus=nope.0'],
                 f"-device {name},bus=nope.0: Bus 'nope.0' not found")


@case('duplicate id')
def t_duplicate_id():
    code, out, err = run('-M', 'none', '-device', 'foo,id=1a')
    expect(code == 1, f'exit {code}')
    expect(f"{PROG}: -device foo,id=1a: Parameter 'id' expects an "
           "identifier" in err, err)
    # Needs a board with an ISA bus and a user-creatable ISA device.
    if 'name "isa-debugcon", bus ISA' not in device_list():
        return
    code, out, err = run('-nodefaults', '-display', 'none', '-S',
                         '-device', 'isa-debugcon,id=a,iobase=0x400',
                         '-device', 'isa-debugcon,id=a,iobase=0x402',
                         '-machine', 'accel=kvm:tcg')
    expect(code == 1, f'exit {code}; {err!r}')
    expect(f"{PROG}: -device isa-debugcon,id=a,iobase=0x402: Duplicate ID "
           "'a' for device" in err.splitlines(), err)


@case('option values')
def t_option_values():
    expect_error(['-M', 'none', '-global', 'foo'],
                 "-global foo: Invalid parameter 'foo'")
    expect_error(['-M', 'none', '-uuid', 'zz'],
                 '-uuid zz: failed to parse UUID string: wrong format')
    expect_error(['-M', 'none', '-name', 'foo,bad=1'],
                 "-name foo,bad=1: Invalid parameter 'bad'")
    expect_error(['-M', 'none', '-device', '{"driver":"foo"'],
                 '-device {"driver":"foo": JSON parse error, premature EOI')
    expect_error(['-M', 'none', '-boot', 'order=z'],
                 "Invalid boot device 'z'")


@case('-msg timestamp=on')
def t_msg_timestamp():
    code, out, err = run('-msg', 'timestamp=on', '-M', 'nosuch')
    expect(code == 1, f'exit {code}')
    expect(re.match(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z '
                    + PROG + ': unsupported machine type', err), err)


def wait_for(path, proc=None, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if os.path.exists(path) and os.path.getsize(path) > 0:
            return True
        if proc is not None and proc.poll() is not None:
            return False
        time.sleep(0.05)
    return False


@case('-pidfile')
def t_pidfile():
    with tempfile.TemporaryDirectory() as d:
        pidfile = os.path.join(d, 'qemu.pid')
        p = subprocess.Popen([EMU, '-M', 'none', '-S', '-display', 'none',
                              '-nodefaults', '-pidfile', pidfile],
                             stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            expect(wait_for(pidfile, p), 'pid file written')
            with open(pidfile) as f:
                expect(f.read() == f'{p.pid}\n', 'pid file holds the pid')
            # A second instance cannot take the lock.
            code, out, err = run('-M', 'none', '-S', '-display', 'none',
                                 '-nodefaults', '-pidfile', pidfile)
            expect(code == 1, f'second instance exit {code}')
            expect(err.startswith(f'{PROG}: cannot create PID file: Cannot '
                                  'lock pid file'), err)
        finally:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


@case('-daemonize')
def t_daemonize():
    with tempfile.TemporaryDirectory() as d:
        pidfile = os.path.join(d, 'qemu.pid')
        code, out, err = run('-M', 'none', '-S', '-display', 'none',
                             '-nodefaults', '-daemonize', '-pidfile',
                             pidfile)
        expect(code == 0, f'parent exit {code}: {err!r}')
        expect(wait_for(pidfile), 'daemon wrote pid file')
        with open(pidfile) as f:
            pid = int(f.read())
        try:
            os.kill(pid, 0)
        finally:
            os.kill(pid, signal.SIGKILL)
        expect_error(['-nographic', '-daemonize'],
                     '-nographic cannot be used with -daemonize')


@case('-add-fd errors')
def t_add_fd_errors():
    expect_error(['-M', 'none', '-add-fd', 'set=1'],
                 '-add-fd set=1: fd option is required and must be '
                 'non-negative')
    expect_error(['-M', 'none', '-add-fd', 'fd=1,set=1'],
                 '-add-fd fd=1,set=1: fd cannot be a standard I/O stream')
    expect_error(['-M', 'none', '-add-fd', 'fd=900,set=1'],
                 '-add-fd fd=900,set=1: fd is not valid or already in use')


@case('-add-fd and /dev/fdset/N')
def t_add_fd_use():
    """A chardev opens /dev/fdset/3: the monitor's banner lands in the
    file the test handed over as an inherited descriptor."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, 'out')
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
        p = subprocess.Popen([EMU, '-M', 'none', '-S', '-nodefaults',
                              '-display', 'none',
                              '-add-fd', f'fd={fd},set=3,opaque=test',
                              '-chardev', 'file,id=c0,path=/dev/fdset/3',
                              '-mon', 'chardev=c0,mode=readline'],
                             stdin=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, pass_fds=(fd,),
                             text=True)
        os.close(fd)
        try:
            deadline = time.time() + 20
            text = ''
            while time.time() < deadline and 'monitor' not in text:
                time.sleep(0.05)
                with open(path) as f:
                    text = f.read()
                if p.poll() is not None:
                    break
            expect('QEMU 7.2.0 monitor' in text,
                   f'monitor banner in fdset file: {text!r}, '
                   f'stderr {p.stderr.read() if p.poll() is not None else ""!r}')
        finally:
            p.kill()
            p.wait()


def main():
    print(f'1..{len(results)}')
    failed = 0
    for i, (name, fn) in enumerate(results, 1):
        try:
            fn()
            print(f'ok {i} {name}')
        except Exception as e:  # report and go on with the next case
            failed += 1
            print(f'not ok {i} {name}')
            for l in str(e).splitlines() or [repr(e)]:
                print(f'# {l}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
