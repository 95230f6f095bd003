#!/usr/bin/env python3
"""
Replays libvirt 9.0's capability probe (the command line and QMP sequence
virQEMUCapsInitQMP uses) against the emulator, without libvirt itself.
scripts/check-libvirt.sh runs the real libvirt.
Usage: test-libvirt-probe.py EMULATOR
"""

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

failures = 0


def check(cond, what):
    global failures
    print(('ok: ' if cond else 'FAIL: ') + what)
    if not cond:
        failures += 1


class Qmp:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(20)
        self.sock.connect(path)
        self.buf = b''
        self.n = 0
        self.raw_lines = []

    def recv(self):
        # libvirt splits the stream on CR LF: every message must end so.
        while b'\r\n' not in self.buf:
            data = self.sock.recv(65536)
            if not data:
                raise EOFError('monitor closed')
            self.buf += data
        line, self.buf = self.buf.split(b'\r\n', 1)
        self.raw_lines.append(line)
        return json.loads(line)

    def cmd(self, name, args=None):
        self.n += 1
        req = {'execute': name, 'id': 'libvirt-%d' % self.n}
        if args is not None:
            req['arguments'] = args
        self.sock.sendall(json.dumps(req).encode() + b'\r\n')
        while True:
            rsp = self.recv()
            if 'event' not in rsp:
                break
        if rsp.get('id') != req['id']:
            raise RuntimeError('reply id mismatch: %r' % rsp)
        return rsp

    def ok(self, name, args=None):
        rsp = self.cmd(name, args)
        check('return' in rsp, '%s %s -> %s' % (name, json.dumps(args or {}),
                                                 'return' if 'return' in rsp
                                                 else rsp.get('error')))
        return rsp.get('return')


def check_sandbox(emu, tmp):
    # libvirt's -sandbox line: a seccomp filter must really be installed.
    sock = os.path.join(tmp, 'sb.monitor')
    p = subprocess.Popen([emu, '-M', 'none', '-display', 'none', '-sandbox',
                          'on,obsolete=deny,elevateprivileges=deny,'
                          'spawn=deny,resourcecontrol=deny',
                          '-qmp', 'unix:%s,server=on,wait=off' % sock],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    try:
        for _ in range(400):
            if os.path.exists(sock):
                break
            time.sleep(0.05)
        q = Qmp(sock)
        q.recv()
        q.ok('qmp_capabilities')
        status = open('/proc/%d/status' % p.pid).read()
        check('Seccomp:\t2' in status, 'seccomp filter installed')
        q.ok('quit')
        check(p.wait(timeout=20) == 0, 'sandboxed emulator quits cleanly')
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    r = subprocess.run([emu, '-M', 'none', '-sandbox', 'on,spawn=bogus'],
                       stdin=subprocess.DEVNULL, capture_output=True,
                       timeout=20)
    check(r.returncode != 0 and b'invalid argument for spawn' in r.stderr,
          'bad -sandbox value rejected')


def check_cpu_expansion(q):
    # host-model: libvirt turns the static expansion of "host" into a CPU
    # definition, so it must carry one boolean per feature and the vendor.
    props = q.ok('query-cpu-model-expansion',
                 {'type': 'static', 'model': {'name': 'host'}})['model']['props']
    feats = {k: v for k, v in props.items() if isinstance(v, bool)}
    check(len(feats) > 50 and feats.get('lm') is True and
          feats.get('fpu') is True, 'static host expansion lists features')
    check(isinstance(props.get('vendor'), str) and
          isinstance(props.get('family'), int), 'static expansion: signature')
    # A named model with properties: the request shows in the answer.
    exp = q.ok('query-cpu-model-expansion',
               {'type': 'static', 'model': {'name': 'qemu64', 'props': {
                   'sse4.2': True, 'lm': False}}})['model']
    check(exp['name'] == 'base' and exp['props'].get('sse4.2') is True and
          exp['props'].get('lm') is False and exp['props'].get('fpu') is True,
          'static qemu64 expansion applies props')
    full = q.ok('query-cpu-model-expansion',
                {'type': 'full', 'model': {'name': 'qemu64', 'props': {
                    'sse4_2': True}}})['model']
    check(full['name'] == 'qemu64' and full['props'].get('sse4.2') is True and
          full['props'].get('sse4-2') is True and
          full['props'].get('check') is True,
          'full expansion: features, aliases, other properties')
    for props, what in (({'bogus': True}, 'unknown property'),
                        ({'lm': 3}, 'wrongly typed property'),
                        ([], 'props not an object')):
        rsp = q.cmd('query-cpu-model-expansion',
                    {'type': 'full', 'model': {'name': 'qemu64',
                                               'props': props}})
        check(rsp.get('error', {}).get('class') == 'GenericError',
              '%s rejected' % what)
    # libvirt (host-passthrough probe) asks for hv-passthrough
    q.ok('query-cpu-model-expansion',
         {'type': 'full', 'model': {'name': 'host', 'props': {
             'migratable': False, 'hv-passthrough': True}}})
    defs = {d['name']: d for d in q.ok('query-cpu-definitions')}
    check(defs['host']['unavailable-features'] == [] and
          all(isinstance(f, str) and f in feats
              for d in defs.values() for f in d['unavailable-features']),
          'unavailable-features are feature names')
    # what a model lacks is what the host expansion does not have
    check(all(feats.get(f) is False
              for f in defs['qemu64']['unavailable-features']),
          'qemu64 unavailable features absent from host')


def check_secrets(emu, tmp):
    # libvirt's master key (32 raw bytes in a file) and a secret encrypted
    # with it (AES-256-CBC, base64, iv=), encrypted here by openssl.
    import base64
    import shutil
    if not shutil.which('openssl'):
        print('SKIP: no openssl: encrypted secret')
        return
    key, iv = os.urandom(32), os.urandom(16)
    keyfile = os.path.join(tmp, 'master-key.aes')
    with open(keyfile, 'wb') as f:
        f.write(key)
    ct = subprocess.run(['openssl', 'enc', '-aes-256-cbc', '-K', key.hex(),
                         '-iv', iv.hex()], input=b'top secret',
                        capture_output=True, check=True).stdout

    def start(iv_b64):
        return subprocess.run(
            [emu, '-M', 'none', '-display', 'none', '-nodefaults',
             '-object', json.dumps({'qom-type': 'secret', 'id': 'masterKey0',
                                    'format': 'raw', 'file': keyfile}),
             '-object', json.dumps({'qom-type': 'secret', 'id': 'sec0',
                                    'data': base64.b64encode(ct).decode(),
                                    'keyid': 'masterKey0', 'iv': iv_b64,
                                    'format': 'base64'}),
             '-qmp', 'stdio'], input=b'{"execute":"qmp_capabilities"}\n'
            b'{"execute":"quit"}\n', capture_output=True, timeout=20)
    r = start(base64.b64encode(iv).decode())
    check(r.returncode == 0, 'encrypted secret accepted (%r)' % r.stderr)
    # (the IV's last byte lands on the padding of this one-block secret)
    bad_iv = iv[:15] + bytes([iv[15] ^ 0x40])
    r = start(base64.b64encode(bad_iv).decode())
    check(r.returncode != 0 and b'padding' in r.stderr,
          'secret with a wrong IV refused (%r)' % r.stderr)


def main():
    emu = sys.argv[1]
    if not os.access('/dev/kvm', os.R_OK | os.W_OK):
        print('SKIP: no /dev/kvm')
        return 77
    tmp = tempfile.mkdtemp(prefix='libvirt-probe-')
    sock = os.path.join(tmp, 'qmp.monitor')
    pidfile = os.path.join(tmp, 'qmp.pid')
    # As libvirt: stdout/stderr are pipes it reads to EOF, so the daemon
    # must let go of them or this run() never returns.
    r = subprocess.run([emu, '-S', '-no-user-config', '-nodefaults',
                        '-nographic', '-machine', 'none,accel=kvm:tcg',
                        '-qmp', 'unix:%s,server=on,wait=off' % sock,
                        '-pidfile', pidfile, '-daemonize'],
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=30)
    check(r.returncode == 0, 'daemonized start (%r)' % r.stderr)
    if r.returncode:
        return 1
    pid = int(open(pidfile).read())
    try:
        for fd in (0, 1, 2):
            check(os.readlink('/proc/%d/fd/%d' % (pid, fd)) == '/dev/null',
                  'daemon fd %d is /dev/null' % fd)
        q = Qmp(sock)
        greeting = q.recv()
        check('QMP' in greeting, 'greeting')
        q.ok('qmp_capabilities')
        ver = q.ok('query-version')
        v = ver['qemu']
        check((v['major'], v['minor'], v['micro']) >= (4, 2, 0) and
              'package' in ver, 'version >= 4.2.0 with package')
        check(q.ok('query-target') == {'arch': 'x86_64'}, 'target x86_64')
        schema = q.ok('query-qmp-schema')
        cmds = {c['name'] for c in q.ok('query-commands')}
        schema_cmds = {e['name']: e for e in schema
                       if e['meta-type'] == 'command'}
        for c in ('query-cpu-model-expansion', 'query-command-line-options',
                  'query-migrate-capabilities', 'migrate-set-capabilities',
                  'query-tpm-models', 'query-tpm-types', 'query-iothreads',
                  'qom-list-properties', 'device-list-properties'):
            check(c in cmds and c in schema_cmds, 'command %s listed' % c)
        check('json-cli-hotplug' in schema_cmds['device_add'].get(
            'features', []), 'device_add has json-cli-hotplug')
        kvm = q.ok('query-kvm')
        check(kvm == {'enabled': True, 'present': True}, 'kvm enabled')
        types = {t['name'] for t in q.ok('qom-list-types')}
        check('tcg-accel' not in types, 'tcg-accel not listed')
        for t in ('memory-backend-file', 'memory-backend-memfd',
                  'memory-backend-ram'):
            check(t in types, '%s listed' % t)
        for t in ('memory-backend-file', 'memory-backend-memfd',
                  'max-x86_64-cpu', 'none-machine'):
            props = q.ok('qom-list-properties', {'typename': t})
            check(isinstance(props, list) and len(props) > 0,
                  'qom-list-properties %s' % t)
        names = {p['name'] for p in q.ok(
            'qom-list-properties', {'typename': 'memory-backend-file'})}
        check({'mem-path', 'size', 'share'} <= names,
              'memory-backend-file has mem-path/size/share')
        machines = q.ok('query-machines')
        check(any(m.get('default-ram-id') for m in machines),
              'a machine has default-ram-id')
        check(len(q.ok('query-cpu-definitions')) > 0, 'cpu definitions')
        check(q.ok('query-tpm-models') == [], 'no TPM models')
        check(q.ok('query-tpm-types') == [], 'no TPM types')
        opts = {o['option']: o for o in q.ok('query-command-line-options')}
        for o in ('sandbox', 'overcommit', 'chardev'):
            check(o in opts, 'command-line option %s' % o)
        one = q.ok('query-command-line-options', {'option': 'sandbox'})
        check([o['option'] for o in one] == ['sandbox'], 'single option')
        rsp = q.cmd('query-command-line-options', {'option': 'nosuch'})
        check(rsp.get('error', {}).get('class') == 'GenericError',
              'unknown option rejected')
        caps = {c['capability']: c['state']
                for c in q.ok('query-migrate-capabilities')}
        check(caps.get('events') is False, 'events capability off')
        q.ok('migrate-set-capabilities',
             {'capabilities': [{'capability': 'events', 'state': True}]})
        caps = {c['capability']: c['state']
                for c in q.ok('query-migrate-capabilities')}
        check(caps.get('events') is True, 'events capability on')
        rsp = q.cmd('migrate-set-capabilities',
                    {'capabilities': [{'capability': 'bogus',
                                       'state': True}]})
        check('error' in rsp, 'bad capability rejected')
        exp = q.ok('query-cpu-model-expansion',
                   {'type': 'static', 'model': {'name': 'host'}})
        check(exp['model']['name'] == 'base', 'static expansion is base')
        exp = q.ok('query-cpu-model-expansion',
                   {'type': 'full', 'model': {
                       'name': 'host', 'props': {'migratable': False}}})
        check(exp['model']['name'] == 'host' and
              exp['model']['props'].get('migratable') is False,
              'full expansion keeps props')
        rsp = q.cmd('query-cpu-model-expansion',
                    {'type': 'static', 'model': {'name': 'nosuch'}})
        check(rsp.get('error', {}).get('class') == 'GenericError',
              'unknown model rejected')
        check_cpu_expansion(q)
        check(q.ok('query-iothreads') == [], 'no iothreads')
        # libvirt reconnecting to a running domain (libvirtd restart)
        check(q.ok('query-jobs') == [], 'no jobs')
        check(all(not l.endswith(b'\r') for l in q.raw_lines),
              'one CR LF per message')
    finally:
        os.kill(pid, signal.SIGTERM)
        for _ in range(200):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        else:
            os.kill(pid, signal.SIGKILL)
            check(False, 'daemon exits on SIGTERM')
    check_sandbox(emu, tmp)
    check_secrets(emu, tmp)
    # the hv-passthrough property libvirt probes exists, but a vCPU asking
    # for Hyper-V enlightenments is refused, not silently started
    r = subprocess.run([emu, '-M', 'pc', '-accel', 'kvm', '-display', 'none',
                        '-nodefaults', '-S', '-cpu', 'host', '-global',
                        'host-x86_64-cpu.hv-passthrough=on'],
                       stdin=subprocess.DEVNULL, capture_output=True,
                       timeout=20)
    check(r.returncode == 1 and b'Hyper-V' in r.stderr,
          'hv-passthrough=on refused (%r)' % r.stderr)
    print('%d failed' % failures)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
