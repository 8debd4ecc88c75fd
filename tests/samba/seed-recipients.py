#!/usr/bin/python3
"""Seeds the test DC's domain with mail-enabled recipients, offline, through Samba's own Python bindings.

    seed-recipients.py WORKDIR COUNT

COUNT mail-enabled contacts (stamped by RUS: proxyAddresses, legacyExchangeDN, showInAddressBook), 20 mailbox users
of which the first five were never stamped (new users in a domain without RUS), and the mail-enabled group
'All Staff' with 1,600 members (more than the 1,500 values AD returns before it ranges an attribute).
One transaction per 250 objects: Samba's cost per add grows with the transaction (one big ldbmodify of 10,000
objects takes minutes, this takes under a minute).
"""
import sys
import time

from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB

workdir, count = sys.argv[1], int(sys.argv[2])
lp = LoadParm()
lp.load(workdir + "/etc/smb.conf")
db = SamDB(url=workdir + "/private/sam.ldb", session_info=system_session(), lp=lp)
domain = str(db.domain_dn())
config = str(db.get_config_basedn())
dns = db.domain_dns_name()
gal = ("CN=Default Global Address List,CN=All Global Address Lists,CN=Address Lists Container,CN=Contoso,"
       "CN=Microsoft Exchange,CN=Services," + config)
staff = "OU=Staff," + domain
legacy = "/o=Contoso/ou=First Administrative Group/cn=Recipients/cn="
home = "/o=Contoso/ou=First Administrative Group/cn=Configuration/cn=Servers/cn=EX2003A"


def objects():
    for i in range(count):
        c = "contact%05d" % i
        yield {"dn": "CN=%s,%s" % (c, staff), "objectClass": "contact", "displayName": "Contact %d" % i,
               "mailNickname": c, "mail": c + "@partner.example", "targetAddress": "SMTP:%s@partner.example" % c,
               "proxyAddresses": ["SMTP:%s@partner.example" % c, "X400:c=US;a= ;p=Contoso;o=Exchange;s=%s;" % c],
               "legacyExchangeDN": legacy + c, "showInAddressBook": gal}
    for i in range(20):
        u = "mbx%02d" % i
        user = {"dn": "CN=%s,%s" % (u, staff), "objectClass": "user", "sAMAccountName": u, "mailNickname": u,
                "msExchHomeServerName": home}
        if i >= 5:
            user.update({"mail": "%s@%s" % (u, dns), "proxyAddresses": "SMTP:%s@%s" % (u, dns),
                         "legacyExchangeDN": legacy + u, "showInAddressBook": gal})
        yield user
    members = ["CN=contact%05d,%s" % (i, staff) for i in range(min(count, 1600))]
    yield {"dn": "CN=All Staff," + staff, "objectClass": "group", "sAMAccountName": "allstaff", "groupType": "8",
           "mailNickname": "allstaff", "mail": "allstaff@" + dns, "proxyAddresses": "SMTP:allstaff@" + dns,
           "legacyExchangeDN": legacy + "allstaff", "showInAddressBook": gal, "member": members}


started = time.time()
pending = 0
db.transaction_start()
for obj in objects():
    db.add(obj)
    pending += 1
    if pending == 250:
        db.transaction_commit()
        db.transaction_start()
        pending = 0
db.transaction_commit()
print("seed-recipients.py: %d objects in %.1f s" % (count + 21, time.time() - started), file=sys.stderr)
