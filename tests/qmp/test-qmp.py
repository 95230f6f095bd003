#!/usr/bin/env python3
"""
QMP and HMP tests: run the emulator with QMP sockets and talk to it.

Usage: test-qmp.py EMULATOR [unittest options]
"""

import json
import os
import socket
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qmp_client import QemuProcess, QMPClient  # noqa: E402

EMULATOR = None
HAVE_KVM = os.access('/dev/kvm', os.R_OK | os.W_OK)

GENERIC = 'GenericError'


class QMPTestBase(unittest.TestCase):
    machine = ['-machine', 'none']
    monitors = 1

    def setUp(self):
        self.vm = QemuProcess(EMULATOR, self.machine, monitors=self.monitors)
        self.qmp = self.vm.qmp()
        self.qmp.ok('qmp_capabilities')

    def tearDown(self):
        self.qmp.close()
        self.vm.shutdown()

    def assertError(self, rsp, cls, desc=None):
        self.assertIn('error', rsp, rsp)
        self.assertEqual(rsp['error']['class'], cls, rsp)
        if desc is not None:
            self.assertEqual(rsp['error']['desc'], desc)
        # After every error the connection still answers.
        self.assertIn('return', self.qmp.cmd('query-status'))

    def hmp(self, line):
        return self.qmp.ok('human-monitor-command', {'command-line': line})


class TestGreeting(unittest.TestCase):
    def test_greeting_and_negotiation(self):
        vm = QemuProcess(EMULATOR, ['-machine', 'none'])
        try:
            q = vm.qmp()
            g = q.greeting
            self.assertEqual(list(g), ['QMP'])
            self.assertEqual(list(g['QMP']), ['version', 'capabilities'])
            self.assertEqual(g['QMP']['version']['qemu'],
                             {'micro': 0, 'minor': 2, 'major': 7})
            self.assertEqual(list(g['QMP']['version']['qemu']),
                             ['micro', 'minor', 'major'])
            self.assertIsInstance(g['QMP']['version']['package'], str)
            self.assertEqual(g['QMP']['capabilities'], [])
            rsp = q.cmd('query-status', id='a')
            self.assertEqual(rsp, {'id': 'a', 'error': {
                'class': 'CommandNotFound',
                'desc': "Expecting capabilities negotiation with "
                        "'qmp_capabilities'"}})
            rsp = q.cmd('qmp_capabilities', {'enable': ['oob']})
            self.assertEqual(rsp['error']['class'], GENERIC)
            rsp = q.cmd('qmp_capabilities', {'enable': ['bogus']})
            self.assertEqual(rsp['error']['desc'],
                             "Parameter 'enable[0]' does not accept value "
                             "'bogus'")
            self.assertEqual(q.cmd('qmp_capabilities', id=7),
                             {'return': {}, 'id': 7})
            rsp = q.cmd('qmp_capabilities')
            self.assertEqual(rsp['error'], {
                'class': 'CommandNotFound',
                'desc': 'Capabilities negotiation is already complete, '
                        'command ignored'})
            self.assertIn('return', q.cmd('query-status'))
            q.close()
        finally:
            vm.shutdown()

    def test_reconnect_renegotiates(self):
        vm = QemuProcess(EMULATOR, ['-machine', 'none'])
        try:
            q = vm.qmp()
            q.ok('qmp_capabilities')
            q.close()
            q = vm.qmp()
            self.assertIn('QMP', q.greeting)
            self.assertEqual(q.cmd('query-version')['error']['class'],
                             'CommandNotFound')
            q.ok('qmp_capabilities')
            self.assertIn('return', q.cmd('query-version'))
            q.close()
        finally:
            vm.shutdown()

    def test_pretty(self):
        vm = QemuProcess(EMULATOR, ['-machine', 'none'], pretty=True)
        try:
            s = socket.socket(socket.AF_UNIX)
            deadline = time.monotonic() + 20
            while True:
                try:
                    s.connect(vm.socks[0])
                    break
                except OSError:
                    self.assertLess(time.monotonic(), deadline)
                    time.sleep(0.01)
            q = QMPClient.__new__(QMPClient)
            q.sock, q.buf, q.events = s, b'', []
            s.settimeout(20)
            g = q.recv_pretty()
            self.assertIn('QMP', g)
            self.assertIn(b'', q.buf)
            s.sendall(b'{"execute": "qmp_capabilities"}')
            self.assertEqual(q.recv_pretty(), {'return': {}})
            s.sendall(b'{"execute": "query-version"}')
            v = q.recv_pretty()
            self.assertEqual(v['return']['qemu']['major'], 7)
            s.close()
        finally:
            vm.shutdown()


class TestOptions(unittest.TestCase):
    def run_emu(self, *args):
        import subprocess
        return subprocess.run([EMULATOR, '-machine', 'none', '-nodefaults',
                               '-nographic'] + list(args),
                              capture_output=True, text=True, timeout=20,
                              stdin=subprocess.DEVNULL)

    def test_mon_errors(self):
        p = self.run_emu('-mon', 'chardev=nope')
        self.assertEqual(p.returncode, 1)
        self.assertIn('-mon chardev=nope: chardev "nope" not found',
                      p.stderr)
        p = self.run_emu('-chardev', 'null,id=n', '-mon',
                         'chardev=n,mode=bogus')
        self.assertEqual(p.returncode, 1)
        self.assertIn("Parameter 'mode' does not accept value 'bogus'",
                      p.stderr)

    def test_mon_control_pretty_stdio(self):
        import subprocess
        p = subprocess.run([EMULATOR, '-machine', 'none', '-nodefaults',
                            '-name', 'vm1', '-chardev', 'stdio,id=m',
                            '-mon', 'chardev=m,mode=control,pretty=on'],
                           input=b'{"execute": "qmp_capabilities"}\n'
                                 b'{"execute": "query-name"}\n'
                                 b'{"execute": "quit"}\n',
                           capture_output=True, timeout=20)
        self.assertEqual(p.returncode, 0, p.stderr)
        out = p.stdout.decode()
        self.assertIn('{\n    "return": {\n        "name": "vm1"\n    }\n}\n',
                      out)
        self.assertIn('"event": "SHUTDOWN"', out)


class TestProtocol(QMPTestBase):
    def test_id_echoed(self):
        for ident in [1, 'x', {'a': [1, 2]}, None]:
            rsp = self.qmp.cmd('query-name', id=ident)
            self.assertEqual(rsp['id'], ident)
        rsp = self.qmp.cmd('no-such-command', id='e')
        self.assertEqual(rsp, {'id': 'e', 'error': {
            'class': 'CommandNotFound',
            'desc': 'The command no-such-command has not been found'}})

    def test_malformed(self):
        q = self.qmp
        q.send_raw('{"execute": foo}\n')
        rsp = q.recv()
        self.assertEqual(rsp['error'], {
            'class': GENERIC, 'desc': "JSON parse error, invalid keyword 'foo'"})
        q.send_raw('[1, 2]')
        self.assertEqual(q.recv()['error']['desc'],
                         'QMP input must be a JSON object')
        q.send_raw('{"arguments": {}}')
        self.assertEqual(q.recv()['error']['desc'],
                         "QMP input lacks member 'execute'")
        q.send_raw('{"execute": "query-name", "bogus": 1}')
        self.assertEqual(q.recv()['error']['desc'],
                         "QMP input member 'bogus' is unexpected")
        q.send_raw('{"execute": 1}')
        self.assertEqual(q.recv()['error']['desc'],
                         "QMP input member 'execute' must be a string")
        q.send_raw('{"execute": "query-name", "arguments": []}')
        self.assertEqual(q.recv()['error']['desc'],
                         "QMP input member 'arguments' must be an object")
        self.assertIn('return', q.cmd('query-status'))

    def test_big_message(self):
        big = 'x' * (10 * 1024 * 1024)
        rsp = self.qmp.cmd('qom-get', {'path': '/machine',
                                       'property': big})
        self.assertEqual(rsp['error']['class'], GENERIC)
        self.assertIn('return', self.qmp.cmd('query-status'))

    def test_flood_without_reading(self):
        # Replies pile up past the output limit; input pauses, then
        # everything is answered in order once the client reads.
        for i in range(100):
            self.qmp.send_raw('{"execute": "query-qmp-schema", "id": %d}'
                              % i)
        for i in range(100):
            rsp = self.qmp.response()
            self.assertEqual(rsp['id'], i)
            self.assertIsInstance(rsp['return'], list)
        self.assertIn('return', self.qmp.cmd('query-status'))

    def test_argument_checking(self):
        q = self.qmp
        self.assertError(q.cmd('qom-list', {}), GENERIC,
                         "Parameter 'path' is missing")
        self.assertError(q.cmd('qom-list', {'path': '/', 'x': 1}), GENERIC,
                         "Parameter 'x' is unexpected")
        self.assertError(q.cmd('qom-list', {'path': 1}), GENERIC,
                         "Invalid parameter type for 'path', expected: string")
        self.assertError(q.cmd('qom-list-types', {'abstract': 'yes'}),
                         GENERIC, "Invalid parameter type for 'abstract', "
                         "expected: boolean")
        self.assertError(q.cmd('human-monitor-command',
                               {'command-line': 'info status',
                                'cpu-index': 'a'}),
                         GENERIC, "Invalid parameter type for 'cpu-index', "
                         "expected: integer")
        self.assertError(q.cmd('query-status', {'x': 1}), GENERIC,
                         "Parameter 'x' is unexpected")
        self.assertError(q.cmd('query-blockstats', {'query-nodes': 1}),
                         GENERIC, "Invalid parameter type for 'query-nodes', "
                         "expected: boolean")

    def test_disconnect_mid_command(self):
        q = self.qmp
        # Half a request, then gone.
        q.send_raw('{"execute": "query-commands", "argu')
        q.close()
        q2 = self.vm.qmp()
        q2.ok('qmp_capabilities')
        # A full request whose answer nobody reads.
        q2.send_raw('{"execute": "query-qmp-schema"}')
        q2.close()
        self.qmp = self.vm.qmp()
        self.qmp.ok('qmp_capabilities')
        self.assertIn('return', self.qmp.cmd('query-status'))

    def test_quit(self):
        self.assertEqual(self.qmp.cmd('quit'), {'return': {}})
        ev = self.qmp.event('SHUTDOWN')
        self.assertEqual(ev['data'], {'guest': False,
                                      'reason': 'host-qmp-quit'})
        self.assertEqual(self.vm.wait(), 0)


class TestQueries(QMPTestBase):
    def test_version(self):
        v = self.qmp.ok('query-version')
        self.assertEqual(v['qemu'], {'micro': 0, 'minor': 2, 'major': 7})
        self.assertIsInstance(v['package'], str)

    def test_status_name_uuid_target(self):
        self.assertEqual(self.qmp.ok('query-status'),
                         {'status': 'running', 'singlestep': False,
                          'running': True})
        self.assertEqual(self.qmp.ok('query-name'), {})
        self.assertEqual(self.qmp.ok('query-uuid'),
                         {'UUID': '00000000-0000-0000-0000-000000000000'})
        self.assertEqual(self.qmp.ok('query-target'), {'arch': 'x86_64'})
        kvm = self.qmp.ok('query-kvm')
        self.assertEqual(sorted(kvm), ['enabled', 'present'])
        self.assertTrue(kvm['present'])

    def test_machines(self):
        ms = {m['name']: m for m in self.qmp.ok('query-machines')}
        self.assertIn('none', ms)
        defaults = [m for m in ms.values() if m.get('is-default')]
        self.assertEqual(len(defaults), 1)
        self.assertIn('pc', [m.get('alias') for m in ms.values()])

    def test_cpu_definitions(self):
        defs = {d['name']: d for d in self.qmp.ok('query-cpu-definitions')}
        for name in ['qemu64', 'kvm64', 'host', 'max']:
            self.assertIn(name, defs)
            self.assertEqual(defs[name]['typename'], name + '-x86_64-cpu')
        self.assertEqual(self.qmp.ok('query-cpus-fast'), [])
        self.assertError(self.qmp.cmd('query-hotpluggable-cpus'), GENERIC)

    def test_jobs(self):
        # no background jobs exist; libvirt asks after reconnecting
        self.assertEqual(self.qmp.ok('query-jobs'), [])
        self.assertError(self.qmp.cmd('query-jobs', {'id': 'x'}), GENERIC,
                         "Parameter 'id' is unexpected")

    def test_chardev(self):
        devs = self.qmp.ok('query-chardev')
        mon = [d for d in devs if d['label'] == 'compat_monitor0']
        self.assertEqual(len(mon), 1)
        self.assertTrue(mon[0]['filename'].startswith('unix:'))
        self.assertTrue(mon[0]['frontend-open'])

    def test_block_pci_empty(self):
        self.assertEqual(self.qmp.ok('query-block'), [])
        self.assertEqual(self.qmp.ok('query-blockstats'), [])
        self.assertEqual(self.qmp.ok('query-pci'), [])

    def test_block_commands_when_linked(self):
        q = self.qmp
        cmds = [c['name'] for c in q.ok('query-commands')]
        if 'blockdev-add' not in cmds:
            self.skipTest('block layer provides no blockdev-add')
        self.assertEqual(q.ok('blockdev-add', {'driver': 'null-co',
                                               'node-name': 'n0'}), {})
        nodes = [n.get('node-name') for n in
                 q.ok('query-named-block-nodes')]
        self.assertIn('n0', nodes)
        self.assertError(q.cmd('blockdev-del', {'node-name': 1}), GENERIC,
                         "Invalid parameter type for 'node-name', "
                         "expected: string")
        self.assertEqual(q.ok('blockdev-del', {'node-name': 'n0'}), {})

    def test_qom(self):
        q = self.qmp
        names = [p['name'] for p in q.ok('qom-list', {'path': '/'})]
        self.assertIn('machine', names)
        self.assertError(q.cmd('qom-list', {'path': '/nope'}),
                         'DeviceNotFound')
        typ = q.ok('qom-get', {'path': '/machine', 'property': 'type'})
        self.assertEqual(typ, 'none-machine')
        self.assertError(q.cmd('qom-get', {'path': '/machine',
                                           'property': 'nope'}), GENERIC)
        types = [t['name'] for t in q.ok('qom-list-types',
                                         {'implements': 'device'})]
        self.assertIn('isa-serial', types)
        self.assertNotIn('device', types)
        props = [p['name'] for p in
                 q.ok('qom-list-properties', {'typename': 'isa-serial'})]
        self.assertIn('chardev', props)
        q.ok('qom-set', {'path': '/machine', 'property': 'dt-compatible',
                         'value': 'abc'})
        self.assertEqual(q.ok('qom-get', {'path': '/machine',
                                          'property': 'dt-compatible'}),
                         'abc')
        self.assertError(q.cmd('qom-set', {'path': '/machine',
                                           'property': 'dt-compatible',
                                           'value': 1}), GENERIC)

    def test_device_list_properties(self):
        q = self.qmp
        props = [p['name'] for p in q.ok('device-list-properties',
                                         {'typename': 'isa-serial'})]
        self.assertIn('chardev', props)
        self.assertNotIn('realized', props)
        self.assertError(q.cmd('device-list-properties',
                               {'typename': 'nope'}), 'DeviceNotFound',
                         "Device 'nope' not found")
        self.assertError(q.cmd('device-list-properties',
                               {'typename': 'none-machine'}), GENERIC,
                         "Parameter 'typename' expects non-abstract "
                         "device type")

    def test_device_add_errors(self):
        q = self.qmp
        self.assertError(q.cmd('device_add', {'driver': 'nope'}), GENERIC,
                         "'nope' is not a valid device model name")
        self.assertError(q.cmd('device_add', {}), GENERIC)
        self.assertError(q.cmd('device_del', {'id': 'nope'}), 'DeviceNotFound')
        self.assertError(q.cmd('device_del', {}), GENERIC,
                         "Parameter 'id' is missing")

    def test_object_add_del(self):
        q = self.qmp
        self.assertEqual(q.ok('object-add', {'qom-type': 'memory-backend-ram',
                                             'id': 'm0', 'size': 1048576}),
                         {})
        self.assertEqual(q.ok('qom-get', {'path': '/objects/m0',
                                          'property': 'size'}), 1048576)
        self.assertEqual(q.ok('object-del', {'id': 'm0'}), {})
        self.assertError(q.cmd('object-del', {'id': 'm0'}), GENERIC)


class TestIntrospection(QMPTestBase):
    EXPECTED_COMMANDS = [
        'qmp_capabilities', 'query-version', 'query-status', 'query-name',
        'query-uuid', 'query-kvm', 'query-target', 'query-machines',
        'query-cpus-fast', 'query-hotpluggable-cpus',
        'query-cpu-definitions', 'query-commands', 'query-events',
        'query-qmp-schema', 'query-chardev', 'query-block',
        'query-blockstats', 'query-pci', 'qom-list', 'qom-get', 'qom-set',
        'qom-list-types', 'qom-list-properties', 'device-list-properties',
        'device_add', 'device_del', 'stop', 'cont', 'system_reset',
        'system_powerdown', 'quit', 'human-monitor-command']
    EXPECTED_EVENTS = ['STOP', 'RESUME', 'RESET', 'POWERDOWN', 'SHUTDOWN',
                       'DEVICE_DELETED', 'BLOCK_IO_ERROR']

    def test_consistency(self):
        cmds = [c['name'] for c in self.qmp.ok('query-commands')]
        events = [e['name'] for e in self.qmp.ok('query-events')]
        schema = self.qmp.ok('query-qmp-schema')
        for c in self.EXPECTED_COMMANDS:
            self.assertIn(c, cmds)
        for e in self.EXPECTED_EVENTS:
            self.assertIn(e, events)
        by_name = {}
        for ent in schema:
            self.assertNotIn(ent['name'], by_name)
            by_name[ent['name']] = ent
        self.assertEqual(sorted(e['name'] for e in schema
                                if e['meta-type'] == 'command'),
                         sorted(cmds))
        self.assertEqual(sorted(e['name'] for e in schema
                                if e['meta-type'] == 'event'),
                         sorted(events))
        # Every referenced type exists.
        for ent in schema:
            refs = []
            mt = ent['meta-type']
            self.assertIn(mt, ['builtin', 'enum', 'array', 'object',
                               'command', 'event'])
            if mt in ('command', 'event'):
                refs.append(ent['arg-type'])
                if mt == 'command':
                    refs.append(ent['ret-type'])
            elif mt == 'object':
                refs += [m['type'] for m in ent['members']]
            elif mt == 'array':
                refs.append(ent['element-type'])
            elif mt == 'enum':
                self.assertEqual([m['name'] for m in ent['members']],
                                 ent['values'])
            for r in refs:
                self.assertIn(r, by_name, '%s refers to %s' % (ent, r))
        # Spot checks against what the commands accept.
        qom_get = by_name['qom-get']
        args = by_name[qom_get['arg-type']]
        self.assertEqual([(m['name'], m['type']) for m in args['members']],
                         [('path', 'str'), ('property', 'str')])
        self.assertEqual(qom_get['ret-type'], 'any')
        self.assertIn('json-cli-hotplug', by_name['device_add']['features'])
        qlt = by_name[by_name['qom-list-types']['arg-type']]
        self.assertEqual(qlt['members'][0],
                         {'name': 'implements', 'default': None,
                          'type': 'str'})
        reset = by_name[by_name['RESET']['arg-type']]
        reason = [m for m in reset['members'] if m['name'] == 'reason'][0]
        self.assertIn('host-qmp-system-reset',
                      by_name[reason['type']]['values'])
        self.assertEqual(by_name['str']['json-type'], 'string')
        # Commands that are not linked in are not advertised.
        if 'blockdev-add' not in cmds:
            self.assertNotIn('blockdev-add', by_name)


class TestEvents(QMPTestBase):
    monitors = 2
    machine = (['-machine', 'pc', '-S', '-m', '64'] if HAVE_KVM
               else ['-machine', 'none'])

    def test_events_in_order_on_two_monitors(self):
        q2 = self.vm.qmp(1)
        q2.ok('qmp_capabilities')
        q = self.qmp
        if HAVE_KVM:
            self.assertEqual(q.ok('query-status')['status'], 'prelaunch')
            q.ok('cont')
        q.ok('stop')
        self.assertEqual(q.ok('query-status'),
                         {'status': 'paused', 'singlestep': False,
                          'running': False})
        self.assertEqual(self.hmp('info status'), 'VM status: paused\r\n')
        q.ok('cont')
        q.ok('system_reset')
        q.ok('system_powerdown')
        expect = ([('RESUME', None)] if HAVE_KVM else []) + [
            ('STOP', None), ('RESUME', None),
            ('RESET', {'guest': False, 'reason': 'host-qmp-system-reset'}),
            ('POWERDOWN', None)]
        for client in (q, q2):
            got = []
            last = (0, 0)
            for name, data in expect:
                ev = client.event()
                got.append((ev['event'], ev.get('data')))
                ts = (ev['timestamp']['seconds'],
                      ev['timestamp']['microseconds'])
                self.assertGreaterEqual(ts, last)
                self.assertLess(ts[1], 1000000)
                last = ts
            self.assertEqual(got, expect)
        q2.close()

    def test_no_events_before_negotiation(self):
        q2 = self.vm.qmp(1)
        self.qmp.ok('stop')
        self.qmp.ok('cont')
        q2.ok('qmp_capabilities')
        self.qmp.ok('stop')
        self.assertEqual(q2.event()['event'], 'STOP')
        q2.close()


class TestHMP(QMPTestBase):
    machine = (['-machine', 'pc', '-S', '-m', '64'] if HAVE_KVM
               else ['-machine', 'none'])

    def test_info(self):
        self.assertEqual(self.hmp('info version'),
                         self.hmp('info version').rstrip() + '\r\n')
        self.assertTrue(self.hmp('info version').startswith('7.2.0'))
        kvm = self.qmp.ok('query-kvm')['enabled']
        self.assertEqual(self.hmp('info kvm'), 'kvm support: %s\r\n'
                         % ('enabled' if kvm else 'disabled'))
        self.assertIn('compat_monitor0: filename=unix:',
                      self.hmp('info chardev'))
        self.assertIn('address-space: memory', self.hmp('info mtree'))
        self.assertIn('(', self.hmp('info qom-tree'))
        self.assertIn('bus: main-system-bus', self.hmp('info qtree'))
        self.assertIn('info status', self.hmp('help info'))
        self.assertIn("unknown command: 'bogus'", self.hmp('bogus'))
        if HAVE_KVM:
            self.assertEqual(self.hmp('info status'),
                             'VM status: paused (prelaunch)\r\n')
            self.assertIn('Host bridge: PCI device 8086:1237',
                          self.hmp('info pci'))
            self.assertIn('* CPU #0: thread_id=', self.hmp('info cpus'))
            cpus = self.qmp.ok('query-cpus-fast')
            self.assertEqual(len(cpus), 1)
            self.assertEqual(cpus[0]['cpu-index'], 0)
            self.assertEqual(cpus[0]['target'], 'x86_64')
            self.assertEqual(cpus[0]['props'], {'socket-id': 0,
                                                'core-id': 0,
                                                'thread-id': 0})
            self.assertEqual(self.qmp.ok('qom-get', {
                'path': cpus[0]['qom-path'], 'property': 'type'}),
                'qemu64-x86_64-cpu')
            devs = self.qmp.ok('query-pci')[0]['devices']
            self.assertEqual(devs[0]['class_info'],
                             {'desc': 'Host bridge', 'class': 0x600})
            self.assertEqual(devs[0]['id']['vendor'], 0x8086)
            self.assertTrue(self.hmp('info registers').startswith('RAX='))
            self.assertIn('CPU#0\r\nRAX=', self.hmp('info registers -a'))

    def test_commands(self):
        self.hmp('cont')
        self.assertEqual(self.qmp.ok('query-status')['status'], 'running')
        self.hmp('stop')
        self.assertEqual(self.qmp.ok('query-status')['status'], 'paused')
        self.hmp('c')
        self.assertEqual(self.qmp.ok('query-status')['status'], 'running')
        self.assertIn('machine (child<',
                      self.hmp('qom-list /'))
        self.assertEqual(self.hmp('qom-get /machine dt-compatible'),
                         '""\r\n')
        self.assertEqual(self.hmp('qom-set /machine dt-compatible xyz'), '')
        self.assertEqual(self.hmp('qom-get /machine dt-compatible'),
                         '"xyz"\r\n')
        self.assertIn('Error:', self.hmp('qom-get /machine nope'))
        self.assertIn('Error:', self.hmp('device_del nope'))
        self.assertIn("'nope' is not a valid device model name",
                      self.hmp('device_add nope'))
        self.hmp('q')
        self.assertEqual(self.vm.wait(), 0)


class TestHMPChardev(unittest.TestCase):
    """HMP on its own chardev: banner, prompt, echo, line editing."""

    def read_until(self, f, token, timeout=20):
        buf = b''
        deadline = time.monotonic() + timeout
        while token not in buf:
            self.assertLess(time.monotonic(), deadline, buf)
            chunk = f(4096)
            if not chunk:
                self.fail('EOF after %r' % buf)
            buf += chunk
        return buf

    def test_unix_socket(self):
        import tempfile
        d = tempfile.mkdtemp()
        path = os.path.join(d, 'hmp.sock')
        vm = QemuProcess(EMULATOR, ['-machine', 'none', '-monitor',
                                    'unix:%s,server=on,wait=off' % path])
        try:
            s = socket.socket(socket.AF_UNIX)
            s.settimeout(20)
            deadline = time.monotonic() + 20
            while True:
                try:
                    s.connect(path)
                    break
                except OSError:
                    self.assertLess(time.monotonic(), deadline)
                    time.sleep(0.01)
            out = self.read_until(s.recv, b'(qemu) ')
            self.assertIn(b"QEMU 7.2.0 monitor - type 'help' for more "
                          b"information\r\n", out)
            s.sendall(b'info status\r')
            self.read_until(s.recv, b'VM status: running\r\n(qemu) ')
            # Line editing: Ctrl-A goes home, Ctrl-K kills to the end.
            s.sendall(b'info version\x01\x0binfo name\r')
            out = self.read_until(s.recv, b'info name\x1b[K\r\n(qemu) ')
            self.assertNotIn(b'7.2.0', out)
            # History: two lines back is "info status".
            s.sendall(b'\x1b[A\x1b[A\r')
            out = self.read_until(s.recv, b'VM status: running')
            s.sendall(b'quit\r')
            self.assertEqual(vm.wait(), 0)
        finally:
            s.close()
            vm.shutdown()
            os.unlink(path)
            os.rmdir(d)

    @unittest.skipUnless(HAVE_KVM, 'needs /dev/kvm')
    def test_mux_nographic(self):
        import subprocess
        p = subprocess.Popen([EMULATOR, '-machine', 'pc', '-S', '-m', '64',
                              '-nographic', '-nodefaults',
                              '-serial', 'mon:stdio'],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT)
        try:
            fd = p.stdout.fileno()
            p.stdin.write(b'\x01c')
            p.stdin.flush()
            self.read_until(lambda n: os.read(fd, n), b'(qemu) ')
            p.stdin.write(b'info status\r')
            p.stdin.flush()
            out = self.read_until(lambda n: os.read(fd, n),
                                  b'VM status: paused (prelaunch)')
            self.assertIn(b'info status', out)
            p.stdin.write(b'quit\r')
            p.stdin.flush()
            self.assertEqual(p.wait(20), 0)
        finally:
            if p.poll() is None:
                p.kill()
                p.wait()
            p.stdin.close()
            p.stdout.close()


def main():
    global EMULATOR
    if len(sys.argv) < 2:
        sys.stderr.write('usage: %s EMULATOR [unittest args]\n' % sys.argv[0])
        return 2
    EMULATOR = sys.argv.pop(1)
    unittest.main(verbosity=2)


if __name__ == '__main__':
    sys.exit(main())
