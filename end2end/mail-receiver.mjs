// An SMTP server on loopback for the tests (npm smtp-server): it accepts what bocal-server
// sends with `--smtp-url smtp://127.0.0.1:<smtp port>` and lists it, parsed (npm mailparser),
// at GET http://127.0.0.1:<http port>/received. Usage: node mail-receiver.mjs [smtp] [http];
// a port of 0 takes a free one, and the ports taken are printed as one JSON line.
import { createServer } from 'node:http';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

const smtpPort = Number(process.argv[2] ?? 8096);
const httpPort = Number(process.argv[3] ?? 8095);
const received = [];

// A header as sent (unfolded), without its name.
function header(mail, name) {
  const line = mail.headerLines.find((h) => h.key === name)?.line;
  return line ? line.slice(line.indexOf(':') + 1).replace(/\r?\n\s+/g, ' ').trim() : null;
}

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream).then((mail) => {
      received.push({
        from: mail.from?.text ?? null,
        to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        subject: mail.subject ?? null,
        text: mail.text ?? '',
        messageId: mail.messageId ?? null,
        listUnsubscribe: header(mail, 'list-unsubscribe'),
        listUnsubscribePost: header(mail, 'list-unsubscribe-post'),
      });
      callback();
    }, callback);
  },
});

const http = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/received') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(received));
  } else {
    response.writeHead(404).end();
  }
});

smtp.listen(smtpPort, '127.0.0.1', () => {
  http.listen(httpPort, '127.0.0.1', () => {
    console.log(JSON.stringify({ smtp: smtp.server.address().port, http: http.address().port }));
  });
});
