//! A server on another machine that stops answering at all, as behind a cut
//! network (issue 14): every packet dropped, nothing refused. The library
//! reaches the test server through a forwarder on 127.0.0.2 (another
//! machine to Bản Tin: TLS, the test cluster's certificate) that can cut the
//! line and then take no connection. Once the connection is lost, each
//! operation must be told "unreachable" within `pg::ANSWER_WITHIN`, not
//! after the 10 s connect timeout.
//! Needs BANTIN_TEST_PG and BANTIN_TEST_PG_CA (scripts/test.sh).

mod shared_common;

use std::io::Write;
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::path::Path;
use std::str::FromStr;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use bantin::store::Library;
use bantin::store::pg::{self, server::Role};
use shared_common::Db;
use socket2::{Domain, Socket, Type};

/// A forwarder from 127.0.0.2 to the test server for one connection.
/// Its listening queue holds one waiting connection at most, and it
/// accepts only the first: once that is cut, the queue is filled and
/// nothing more gets through, as behind a cut network.
struct Forwarder {
    addr: SocketAddr,
    line: mpsc::Receiver<TcpStream>,
}

impl Forwarder {
    fn to(server_port: u16) -> Forwarder {
        let s = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
        s.bind(&"127.0.0.2:0".parse::<SocketAddr>().unwrap().into())
            .unwrap();
        s.listen(0).unwrap();
        let addr = s.local_addr().unwrap().as_socket().unwrap();
        let (tx, line) = mpsc::channel();
        thread::spawn(move || {
            let (client, _) = s.accept().unwrap();
            let client: TcpStream = client.into();
            let server = TcpStream::connect(("127.0.0.2", server_port)).unwrap();
            tx.send(client.try_clone().unwrap()).unwrap();
            let (mut c_in, mut s_out) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            thread::spawn(move || {
                let _ = std::io::copy(&mut c_in, &mut s_out);
                let _ = s_out.shutdown(Shutdown::Both);
            });
            let (mut s_in, mut c_out) = (server, client);
            let _ = std::io::copy(&mut s_in, &mut c_out);
            let _ = c_out.flush();
            // Keep the listener (and its full queue) until the test ends.
            thread::park();
            drop(s);
        });
        Forwarder { addr, line }
    }

    /// Cuts the line and fills the listening queue: from now on a
    /// connection attempt gets no answer at all.
    fn cut(&self) -> Vec<TcpStream> {
        let client = self.line.recv().unwrap();
        client.shutdown(Shutdown::Both).unwrap();
        (0..4)
            .filter_map(|_| TcpStream::connect_timeout(&self.addr, Duration::from_millis(300)).ok())
            .collect()
    }
}

#[test]
fn once_the_line_is_cut_a_silent_server_is_given_up_on_at_once() {
    let db = Db::new("silent_reads");
    db.unit("xa-a", None);
    let lan = db.user("lan", Role::Editor, "xa-a");
    let ca = std::env::var("BANTIN_TEST_PG_CA").expect(
        "BANTIN_TEST_PG_CA: run through scripts/test.sh, or export it from scripts/pg.sh ca",
    );
    // SAFETY: nextest runs each test in a process of its own.
    unsafe { std::env::set_var("PGSSLROOTCERT", &ca) };
    let config = postgres::Config::from_str(&lan.url).unwrap();
    let port = config.get_ports()[0];
    let forwarder = Forwarder::to(port);
    let url = lan.url.replacen(
        &format!(":{port}/"),
        &format!(":{}/", forwarder.addr.port()),
        1,
    );
    let url = url.replacen("@localhost:", "@127.0.0.2:", 1);
    let lib = Library::open(Path::new(&url), chrono::Utc::now()).unwrap();
    assert!(lib.server_endpoint().is_some(), "{url}: another machine");
    assert_eq!(lib.count_articles().unwrap(), 0);

    let _held = forwarder.cut();
    // The operation that finds the line cut says the server is away.
    let first = lib.count_articles();
    assert!(
        first.as_ref().is_err_and(|e| e.is_unreachable()),
        "{first:?}"
    );
    // Each one after it is told so within ANSWER_WITHIN (the connect
    // timeout is 10 s), in words.
    for _ in 0..2 {
        let asked = Instant::now();
        let again = lib.count_articles();
        let waited = asked.elapsed();
        let e = again.expect_err("the server is away");
        assert!(e.is_unreachable(), "{e}");
        assert!(
            e.to_string().contains("Không kết nối được thư viện chung"),
            "{e}"
        );
        assert!(
            waited >= pg::ANSWER_WITHIN - Duration::from_millis(200)
                && waited < pg::ANSWER_WITHIN + Duration::from_secs(2),
            "{waited:?}"
        );
    }
}
