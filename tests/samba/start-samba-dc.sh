#!/usr/bin/env bash
# Provisions and starts a Samba 4 Active Directory domain controller on 127.0.0.1 in WORKDIR, for the collector's
# tests: forest corp.test (NetBIOS CORP), DC rsdc.corp.test, Administrator@corp.test with the password given in
# $RUSSNAP_SAMBA_PASSWORD (default 'Passw0rd!x'). Ports 389 (LDAP, StartTLS), 636 (LDAPS), 88 (KDC); root needed.
#
#   tests/samba/start-samba-dc.sh WORKDIR [RECIPIENTS]      # RECIPIENTS mail-enabled contacts (default 10000)
#   tests/samba/stop-samba-dc.sh WORKDIR                    # stops it and waits for the process to exit
#
# Before the DC starts, the database is seeded offline (ldbmodify and Samba's Python bindings on sam.ldb):
#   - the Exchange 2003 schema extension the analyzer reads (exchange-schema.ldif);
#   - an Exchange 2003 organisation with the Enterprise RUS only, a prepared domain (exchange-org.ldif);
#   - RECIPIENTS mail-enabled contacts, 20 mailbox users (5 of them never stamped by RUS) and a mail-enabled group
#     of 1,600 members, more than AD's 1,500-value range (seed-recipients.py).
#   - the DC's ldap/ SPNs and a plain domain user rscollect (same password), for the Kerberos tests.
# TLS: a CA and a server certificate for rsdc.corp.test, localhost and 127.0.0.1 (WORKDIR/tls/ca.pem), and a second,
# unrelated CA (WORKDIR/tls/other-ca.pem) for the tests that must fail certificate validation.
# Writes WORKDIR/samba.pid; WORKDIR/dc.env names everything a test needs.
set -euo pipefail

W=$(realpath -m "${1:?usage: start-samba-dc.sh WORKDIR [RECIPIENTS]}")
RECIPIENTS=${2:-10000}
HERE=$(cd "$(dirname "$0")" && pwd)
PASSWORD=${RUSSNAP_SAMBA_PASSWORD:-Passw0rd!x}
REALM=CORP.TEST
DNSDOMAIN=corp.test
DOMAIN_DN=DC=corp,DC=test
CONFIG_DN=CN=Configuration,$DOMAIN_DN
SCHEMA_DN=CN=Schema,$CONFIG_DN
DCHOST=rsdc.$DNSDOMAIN

for tool in samba samba-tool ldbmodify openssl /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "start-samba-dc.sh: $tool is missing (tests/prerequisites.sh installs Samba)" >&2; exit 3; }
done

if [ -f "$W/samba.pid" ] && kill -0 "$(cat "$W/samba.pid")" 2>/dev/null; then
  echo "start-samba-dc.sh: a DC is already running from $W (pid $(cat "$W/samba.pid"))" >&2; exit 1
fi
rm -rf "$W"; mkdir -p "$W"
started=$(date +%s.%N)

# mdb: seeding 10,000 objects into the default tdb store takes minutes; LMDB keeps it to seconds.
samba-tool domain provision --targetdir="$W" --realm=$REALM --domain=CORP --server-role=dc --dns-backend=NONE \
  --backend-store=mdb --adminpass="$PASSWORD" --host-ip=127.0.0.1 --host-name=rsdc \
  --option="netbios name=RSDC" --option="interfaces=127.0.0.1" --option="bind interfaces only=yes" \
  --option="disable netbios=yes" > "$W/provision.log" 2>&1 \
  || { tail -20 "$W/provision.log" >&2; exit 1; }

# ---- TLS: our own CA, so that the certificate names the address the tests connect to.
T="$W/tls"; mkdir -p "$T"
make_ca() {   # make_ca NAME SUBJECT
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "$2" -keyout "$T/$1-key.pem" -out "$T/$1.pem" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
}
make_ca ca "/O=RusSnapshot test/CN=RusSnapshot test CA"
make_ca other-ca "/O=Someone else/CN=Unrelated CA"
openssl req -newkey rsa:2048 -nodes -subj "/CN=$DCHOST" -keyout "$T/key.pem" -out "$T/dc.csr" 2>/dev/null
# libldap checks a StartTLS certificate against the name System.DirectoryServices.Protocols resolves 127.0.0.1 to
# ("localhost"), for which it substitutes this machine's own host name: name that too.
san="DNS:$DCHOST,DNS:localhost,IP:127.0.0.1"
for name in "$(hostname 2>/dev/null)" "$(hostname -f 2>/dev/null)"; do
  case "$name" in ""|localhost|"$DCHOST") ;; *) san="$san,DNS:$name" ;; esac
done
printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' "$san" > "$T/ext.cnf"
openssl x509 -req -in "$T/dc.csr" -CA "$T/ca.pem" -CAkey "$T/ca-key.pem" -CAcreateserial -days 30 \
  -extfile "$T/ext.cnf" -out "$T/cert.pem" 2>/dev/null
chmod 0600 "$T/key.pem"

# ---- smb.conf: our services, folders and options (a later 'server services' line would win over ours).
mkdir -p "$W/run" "$W/log" "$W/cache" "$W/winbindd" "$W/ntp_signd"; chmod 0750 "$W/ntp_signd"
sed -i "/^\tserver services = /d" "$W/etc/smb.conf"
sed -i "/^\[global\]/a\\
\tserver services = ldap, kdc\\
\tldap server require strong auth = no\\
\tdsdb:schema update allowed = true\\
\ttls enabled = yes\\
\ttls keyfile = $T/key.pem\\
\ttls certfile = $T/cert.pem\\
\ttls cafile = $T/ca.pem\\
\tpid directory = $W/run\\
\tlog file = $W/log/log.%m\\
\twinbindd socket directory = $W/winbindd\\
\tntp signd socket directory = $W/ntp_signd" "$W/etc/smb.conf"

# ---- seed offline
SAM="$W/private/sam.ldb"
subst() { sed -e "s/@SCHEMA@/$SCHEMA_DN/g" -e "s/@CONFIG@/$CONFIG_DN/g" -e "s/@DOMAIN@/$DOMAIN_DN/g" \
  -e "s/@DCHOST@/$DCHOST/g" -e "s/@DNSDOMAIN@/$DNSDOMAIN/g" "$1"; }
seed() {   # seed NAME < LDIF
  cat > "$W/seed-$1.ldif"
  ldbmodify -H "$SAM" --option="dsdb:schema update allowed=true" "$W/seed-$1.ldif" > "$W/seed-$1.log" 2>&1 \
    || { tail -5 "$W/seed-$1.log" >&2; exit 1; }
}
subst "$HERE/exchange-schema.ldif" | seed schema
subst "$HERE/exchange-org.ldif" | seed org
/usr/bin/python3 "$HERE/seed-recipients.py" "$W" "$RECIPIENTS" 2> "$W/seed-recipients.log" \
  || { tail -5 "$W/seed-recipients.log" >&2; exit 1; }
# The DC's ldap/ SPNs, as a real DC has them (samba_spnupdate adds them from the dnsupdate service, which does not run
# here): a Kerberos bind asks for a ticket for ldap/<DC's DNS name>.
seed spn <<LDIF
dn: CN=RSDC,OU=Domain Controllers,$DOMAIN_DN
changetype: modify
add: servicePrincipalName
servicePrincipalName: ldap/$DCHOST
servicePrincipalName: ldap/$DCHOST/$DNSDOMAIN
servicePrincipalName: ldap/RSDC
-
LDIF
# A plain domain user, as a consultant would be given, for the Kerberos tests: rscollect@CORP.TEST, same password.
samba-tool user create rscollect "$PASSWORD" --use-username-as-cn -H "$SAM" -s "$W/etc/smb.conf" > "$W/seed-user.log" 2>&1 \
  || { tail -5 "$W/seed-user.log" >&2; exit 1; }
seeded=$(date +%s.%N)

# ---- start
samba -i -M single -s "$W/etc/smb.conf" > "$W/samba.out" 2>&1 &
echo $! > "$W/samba.pid"
cat > "$W/dc.env" <<ENV
RUSSNAP_DC_HOST=127.0.0.1
RUSSNAP_DC_NAME=$DCHOST
RUSSNAP_DC_USER=Administrator@$DNSDOMAIN
RUSSNAP_DC_KERBEROS_USER=rscollect@$REALM
RUSSNAP_DC_SAM=$SAM
RUSSNAP_DC_DOMAIN_DN=$DOMAIN_DN
RUSSNAP_DC_CONFIG_DN=$CONFIG_DN
RUSSNAP_DC_CA=$T/ca.pem
RUSSNAP_DC_OTHER_CA=$T/other-ca.pem
RUSSNAP_DC_RECIPIENTS=$RECIPIENTS
ENV
for _ in $(seq 1 600); do
  if LDAPTLS_CACERT="$T/ca.pem" ldapsearch -x -H ldaps://127.0.0.1 -D "Administrator@$DNSDOMAIN" -w "$PASSWORD" \
      -s base -b "" defaultNamingContext >/dev/null 2>&1; then
    awk -v w="$W" -v a="$started" -v b="$seeded" -v c="$(date +%s.%N)" \
      'BEGIN { printf "start-samba-dc.sh: DC up in %s (provision and seed %.1f s, start %.1f s)\n", w, b - a, c - b }' >&2
    exit 0
  fi
  kill -0 "$(cat "$W/samba.pid")" 2>/dev/null || break
  sleep 0.1
done
tail -20 "$W/samba.out" >&2
exit 1
