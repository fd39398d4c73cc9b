#!/usr/bin/python3
"""Install one configuration profile (.mobileconfig) on an iPhone, as `pymobiledevice3 profile
install` does: libimobiledevice 1.3.0 has no tool for it, and the iOS benchmark's bash baseline
(scripts/bench/ios-fleet.sh stage) needs one to do the same work as Depotline.

    ios-install-profile.py UDID FILE.mobileconfig

Python standard library only. The device must be paired already (its pair record is read from
usbmuxd, found through USBMUXD_SOCKET_ADDRESS: "UNIX:/path" or "HOST:PORT"). The path:
usbmuxd (ListDevices, ReadPairRecord) -> lockdownd (StartSession, TLS, StartService) -> a new
usbmuxd tunnel to com.apple.mobile.MCInstall -> InstallProfile. Exits 1 with the reason on
stderr when anything fails.
"""
import os
import plistlib
import socket
import ssl
import struct
import sys
import tempfile

LOCKDOWN_PORT = 62078
MCINSTALL = 'com.apple.mobile.MCInstall'


class Failure(Exception):
    pass


def recv_exactly(sock, n):
    chunks = []
    while n > 0:
        chunk = sock.recv(min(n, 65536))
        if not chunk:
            raise Failure('the connection closed mid-message')
        chunks.append(chunk)
        n -= len(chunk)
    return b''.join(chunks)


# --- usbmuxd: 16-byte little-endian header (length incl. header, version 1 = plist,
# message 8 = plist, tag), then an XML plist; a reply carries its request's tag.

def usbmuxd_socket():
    address = os.environ.get('USBMUXD_SOCKET_ADDRESS', 'UNIX:/var/run/usbmuxd')
    if address.upper().startswith('UNIX:') or '/' in address:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(address[5:] if address.upper().startswith('UNIX:') else address)
    else:
        host, _, port = address.rpartition(':')
        sock = socket.create_connection((host.strip('[]'), int(port)))
    return sock


def usbmux_request(sock, message, tag=1, **fields):
    body = plistlib.dumps({'MessageType': message, 'ClientVersionString': 'ios-install-profile',
                           'ProgName': 'ios-install-profile', 'kLibUSBMuxVersion': 3, **fields})
    sock.sendall(struct.pack('<IIII', 16 + len(body), 1, 8, tag) + body)
    length, _version, _type, _tag = struct.unpack('<IIII', recv_exactly(sock, 16))
    reply = plistlib.loads(recv_exactly(sock, length - 16))
    # Commands that succeed only with a Result say Number 0; anything else is usbmuxd's error.
    if reply.get('MessageType') == 'Result' and reply.get('Number') != 0:
        raise Failure(f'usbmuxd refused {message}: Result {reply.get("Number")}')
    return reply


def usbmux_connect(device_id, port):
    """A fresh usbmuxd connection that becomes a raw tunnel to `port` on the device."""
    sock = usbmuxd_socket()
    # PortNumber is the port in network byte order read as a little-endian integer (htons).
    usbmux_request(sock, 'Connect', DeviceID=device_id, PortNumber=socket.htons(port))
    return sock


# --- lockdownd and its plist services: a 4-byte big-endian length, then an XML plist.

def send_plist(sock, value):
    body = plistlib.dumps(value)
    sock.sendall(struct.pack('>I', len(body)) + body)


def recv_plist(sock):
    (length,) = struct.unpack('>I', recv_exactly(sock, 4))
    return plistlib.loads(recv_exactly(sock, length))


def lockdown(sock, request, **fields):
    send_plist(sock, {'Request': request, 'Label': 'ios-install-profile', **fields})
    reply = recv_plist(sock)
    if 'Error' in reply:
        raise Failure(f'lockdownd refused {request}: {reply["Error"]}')
    return reply


def tls_context(record, folder):
    """The pair record's host certificate and key are our TLS client identity."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # The device's certificate is one the host's own root signed at pairing: no CA vouches for it.
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    # The same offer as Depotline's own client (native/ios/lockdown/tls.ts), so both sides of the
    # benchmark pay for the same handshake: TLS 1.2 or 1.3, RSA key exchange still allowed.
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.set_ciphers('DEFAULT:@SECLEVEL=1')
    # load_cert_chain takes files only; the temporary folder is private to this user.
    cert, key = os.path.join(folder, 'host.crt'), os.path.join(folder, 'host.key')
    with open(cert, 'wb') as f:
        f.write(record['HostCertificate'])
    with open(key, 'wb') as f:
        f.write(record['HostPrivateKey'])
    context.load_cert_chain(cert, key)
    return context


def install_profile(udid, profile):
    with usbmuxd_socket() as mux:
        devices = usbmux_request(mux, 'ListDevices')['DeviceList']
        ids = [d['DeviceID'] for d in devices if d['Properties'].get('SerialNumber') == udid]
        if not ids:
            raise Failure(f'usbmuxd does not list {udid}')
        try:
            reply = usbmux_request(mux, 'ReadPairRecord', tag=2, PairRecordID=udid)
        except Failure as error:
            raise Failure(f'{error} (no pair record: pair the device first, e.g. idevicepair pair)')
        record = plistlib.loads(reply['PairRecordData'])
        # Older records lack SystemBUID; usbmuxd's own is what a session needs then.
        if 'SystemBUID' not in record:
            record['SystemBUID'] = usbmux_request(mux, 'ReadBUID', tag=3)['BUID']
    device_id = ids[0]
    with tempfile.TemporaryDirectory() as folder:
        context = tls_context(record, folder)
        # wrap_socket takes over the plain socket (it detaches it): close whichever is in use.
        conn = usbmux_connect(device_id, LOCKDOWN_PORT)
        try:
            lockdown(conn, 'QueryType')
            session = lockdown(conn, 'StartSession', HostID=record['HostID'], SystemBUID=record['SystemBUID'])
            # From the StartSession reply on, the same socket speaks TLS (no SNI: no host name).
            if session.get('EnableSessionSSL'):
                conn = context.wrap_socket(conn)
            service = lockdown(conn, 'StartService', Service=MCINSTALL)
        finally:
            conn.close()  # the service port is open now; lockdownd's connection is no longer needed
        conn = usbmux_connect(device_id, service['Port'])
        try:
            if service.get('EnableServiceSSL'):
                conn = context.wrap_socket(conn)
            send_plist(conn, {'RequestType': 'InstallProfile', 'Payload': profile})
            reply = recv_plist(conn)
        finally:
            conn.close()
    if reply.get('Status') != 'Acknowledged':
        errors = [e.get('LocalizedDescription', e) for e in reply.get('ErrorChain', [])]
        raise Failure(f'MCInstall: {reply.get("Status")}: {"; ".join(map(str, errors)) or reply}')


def main():
    if len(sys.argv) != 3:
        print(f'usage: {sys.argv[0]} UDID FILE.mobileconfig', file=sys.stderr)
        return 2
    udid, path = sys.argv[1:]
    try:
        with open(path, 'rb') as f:
            profile = f.read()
        install_profile(udid, profile)
    except (Failure, OSError, ssl.SSLError, KeyError, ValueError, plistlib.InvalidFileException) as error:
        print(f'ios-install-profile: {udid} {os.path.basename(path)}: {error}', file=sys.stderr)
        return 1
    print(f'ios-install-profile: {udid}: installed {os.path.basename(path)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
