"""`python3 odoo_server.py server ...`: Odoo's server with worker processes and no websocket server.

With worker processes, Odoo also starts its websocket (gevent) server as a separate program,
and starts it again whenever it stops. The portal benchmark measures HTTP pages only, and on
machines where that program cannot start (gevent's dependencies, or `python3 -m odoo`, whose
odoo/__main__.py cannot run as a script) the restarts would take the CPU it measures.
"""

from odoo.cli.command import main
from odoo.service.server import PreforkServer

if __name__ == "__main__":
    PreforkServer.long_polling_spawn = lambda self: None
    main()
