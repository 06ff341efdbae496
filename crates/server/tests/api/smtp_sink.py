"""A mail sink for the tests: accepts SMTP on 127.0.0.1:PORT and writes each message it is
given to DIR/<n>.eml. Python 3.11 and older have smtpd; newer ones need aiosmtpd (pip)."""
import os
import sys

port, out = int(sys.argv[1]), sys.argv[2]
count = 0


def keep(data):
    global count
    count += 1
    path = os.path.join(out, f"{count}.eml")
    with open(path + ".part", "wb") as f:
        f.write(data)
    os.rename(path + ".part", path)


try:
    import asyncore
    import smtpd

    class Sink(smtpd.SMTPServer):
        def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
            keep(data)

    Sink(("127.0.0.1", port), None, decode_data=False)
    print("ready", flush=True)
    asyncore.loop()
except ImportError:
    import threading

    from aiosmtpd.controller import Controller

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            keep(envelope.original_content or envelope.content)
            return "250 OK"

    Controller(Handler(), hostname="127.0.0.1", port=port).start()
    print("ready", flush=True)
    threading.Event().wait()
