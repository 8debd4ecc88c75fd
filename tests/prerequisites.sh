#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK, when it is missing. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v dotnet >/dev/null || { echo "The .NET SDK 10 is required (https://dot.net)." >&2; exit 1; }

# Headless Chromium for the HTML report tests (tests/RusSnapshot.Reports.Tests/BrowserTests.cs): Debian's package,
# driven by Playwright without any browser download. Without it those tests are skipped, not passed.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing chromium (Debian package) for the HTML report tests..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || echo "apt-get update failed; trying the install with the current lists" >&2
    apt-get install -y -qq --no-install-recommends chromium >/dev/null \
      || echo "chromium could not be installed: the browser tests will be skipped" >&2
  else
    echo "chromium is missing (/usr/bin/chromium) and cannot be installed here: the browser tests will be skipped" >&2
  fi
fi

# Test tools from the npm registry, the versions pinned in tests/tools/package-lock.json: axe-core for the accessibility
# checks of the HTML pages, Microsoft's SARIF multitool for the SARIF report. Without Node.js and npm those tests are
# skipped, not passed.
if [ ! -f tests/tools/node_modules/axe-core/axe.min.js ] || [ ! -f tests/tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool ]; then
  if ! command -v npm >/dev/null && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing nodejs and npm (Debian packages) for the accessibility tests..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null \
      || echo "nodejs/npm could not be installed: the accessibility and SARIF multitool tests will be skipped" >&2
  fi
  if command -v npm >/dev/null; then
    (cd tests/tools && npm ci --no-audit --no-fund --loglevel=error >/dev/null \
      && chmod u+x node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool) \
      || echo "the npm test tools could not be installed: the accessibility and SARIF multitool tests will be skipped" >&2
  else
    echo "npm is missing: the accessibility and SARIF multitool tests will be skipped" >&2
  fi
fi

# Samba as an Active Directory domain controller for the collector's tests (tests/RusSnapshot.Collector.Tests,
# tests/samba/start-samba-dc.sh): Debian's packages; samba-ad-provision is needed by 'samba-tool domain provision'
# and is not pulled in by --no-install-recommends. krb5-user (kinit) and libsasl2-modules-gssapi-mit (libldap's SASL
# GSSAPI module) are for the Kerberos bind tests (KerberosBindTests.cs). Without them those tests are skipped, not passed.
if [ ! -x /usr/sbin/samba ] || [ ! -x /usr/bin/samba-tool ] || ! command -v ldapsearch >/dev/null || ! command -v ldbmodify >/dev/null \
  || ! command -v kinit >/dev/null || ! ls /usr/lib/*/sasl2/libgssapiv2.so* >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Samba (Debian packages) for the collector tests..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || echo "apt-get update failed; trying the install with the current lists" >&2
    apt-get install -y -qq --no-install-recommends samba samba-ad-dc samba-ad-provision winbind krb5-user ldb-tools \
      ldap-utils openssl libsasl2-modules-gssapi-mit >/dev/null \
      || echo "Samba could not be installed: the collector's domain controller tests will be skipped" >&2
  else
    echo "Samba is missing and cannot be installed here: the collector's domain controller tests will be skipped" >&2
  fi
fi
