//! `.bantin-ket-noi` files (issue 14): what the administrator's file says
//! reads back exactly; a damaged or forged file is refused whole, with a
//! Vietnamese sentence naming what is wrong and what to do.

use bantin::store::pg::{KetNoi, KetNoiError, Login};

const CERT: &str = include_str!("ket_noi_fixtures/may-chu.pem");

fn sample() -> KetNoi {
    KetNoi {
        login: Login {
            host: "may-chu.xuan-hong.vn".into(),
            port: 5433,
            database: "bantin".into(),
            user: "nguyen_thi_lan".into(),
            password: None,
            root_cert: Some(CERT.trim().into()),
        },
        unit: Some("xuan-hong".into()),
    }
}

fn refused(text: &str) -> String {
    match KetNoi::parse(text) {
        Ok(k) => panic!("accepted: {k:?}\n{text}"),
        Err(e) => {
            assert_eq!(e.code(), "bad_connection_file");
            e.to_string()
        }
    }
}

#[test]
fn a_written_file_reads_back_the_same_and_holds_no_password() {
    let k = sample();
    let text = k.to_text();
    assert!(!text.contains("mat_khau"), "{text}");
    assert!(text.contains("Cài đặt → Thư viện chung"), "{text}");
    assert_eq!(KetNoi::parse(&text).unwrap(), k);

    // The password only when the administrator put it in.
    let mut with = sample();
    with.login.password = Some("mật \"khẩu\" 'lạ'".into());
    assert_eq!(KetNoi::parse(&with.to_text()).unwrap(), with);
}

#[test]
fn a_hand_written_file_with_defaults_is_read() {
    let k = KetNoi::parse(
        "\u{feff}# từ quản trị\ndinh_dang = 1\nmay_chu = \"192.168.1.10\"\nco_so_du_lieu = \"bantin\"\ntai_khoan = \"lan\"\n",
    )
    .unwrap();
    assert_eq!(k.login.port, 5432);
    assert_eq!(
        k.login.address(),
        "postgresql://lan@192.168.1.10:5432/bantin"
    );
    assert_eq!(
        (k.unit, k.login.root_cert, k.login.password),
        (None, None, None)
    );
}

#[test]
fn a_broken_file_names_its_line() {
    let m = refused("dinh_dang = 1\nmay_chu = \"may-chu\nco_so_du_lieu = \"bantin\"\n");
    assert!(m.contains("không đúng định dạng ở dòng 2"), "{m}");
    assert!(m.contains("Hãy xin quản trị gửi lại"), "{m}");
}

#[test]
fn a_missing_key_is_named_with_what_it_is() {
    let m = refused("dinh_dang = 1\nmay_chu = \"may-chu\"\nco_so_du_lieu = \"bantin\"\n");
    assert!(m.contains("thiếu mục \"tai_khoan\" (tên đăng nhập)"), "{m}");
    let m = refused("may_chu = \"may-chu\"\n");
    assert!(m.contains("\"dinh_dang\""), "{m}");
}

#[test]
fn a_forged_file_cannot_add_options_or_bend_the_address() {
    let base = "dinh_dang = 1\nco_so_du_lieu = \"bantin\"\ntai_khoan = \"lan\"\n";
    // An option the format does not have (turning TLS off, say).
    let m = refused(&format!(
        "{base}may_chu = \"may-chu\"\nsslmode = \"disable\"\n"
    ));
    assert!(m.contains("mục lạ \"sslmode\""), "{m}");
    // A host that smuggles a user, a path or parameters into an address.
    for host in [
        "ke-gian@may-chu",
        "may-chu/khac?sslmode=disable",
        "may chu",
        "-oProxy",
        "",
    ] {
        let m = refused(&format!("{base}may_chu = {host:?}\n"));
        assert!(
            m.contains("\"may_chu\"") && m.contains("không phải tên máy"),
            "{m}"
        );
    }
    let m = refused(
        "dinh_dang = 1\nmay_chu = \"may-chu\"\nco_so_du_lieu = \"bantin\"\ntai_khoan = \"lan' OR 1=1\"\n",
    );
    assert!(
        m.contains("\"tai_khoan\"") && m.contains("ký tự không dùng được"),
        "{m}"
    );
    let m = refused(&format!("{base}may_chu = \"may-chu\"\ncong = 70000\n"));
    assert!(m.contains("không phải số cổng"), "{m}");
    let m = refused(&format!("{base}may_chu = \"may-chu\"\ncong = \"5432\"\n"));
    assert!(m.contains("phải là một số"), "{m}");
}

#[test]
fn a_certificate_must_be_a_certificate() {
    let base =
        "dinh_dang = 1\nmay_chu = \"may-chu\"\nco_so_du_lieu = \"bantin\"\ntai_khoan = \"lan\"\n";
    let m = refused(&format!("{base}chung_chi = \"xin chào\"\n"));
    assert!(m.contains("không phải chứng chỉ dạng PEM"), "{m}");
    let damaged = CERT.replacen("MIIB", "MIIA", 1);
    let m = refused(&format!("{base}chung_chi = '''\n{damaged}'''\n"));
    assert!(
        m.contains("\"chung_chi\"") && m.contains("không đọc được"),
        "{m}"
    );
}

#[test]
fn a_file_from_a_newer_bantin_says_to_update() {
    let m = refused("dinh_dang = 2\nmay_chu = \"may-chu\"\n");
    assert!(
        m.contains("phiên bản Bản Tin mới hơn") && m.contains("cập nhật"),
        "{m}"
    );
}

#[test]
fn a_file_that_is_not_text_or_too_big_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.bantin-ket-noi");
    std::fs::write(&p, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    assert!(matches!(KetNoi::read(&p), Err(KetNoiError::Syntax { .. })));
    std::fs::write(&p, vec![b'#'; 300 * 1024]).unwrap();
    let e = KetNoi::read(&p).unwrap_err();
    assert!(e.to_string().contains("quá lớn"), "{e}");
}
