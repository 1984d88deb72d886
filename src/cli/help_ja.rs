//! The Japanese help texts of the command line. The English ones are the
//! doc comments of the clap `Args` structs; these replace them when the
//! language is Japanese (see `lang.rs`). Keyed by the command's path
//! ("" for `yoshiki`, "forms check") and the argument's id (the field name).

/// What a command does, for `yoshiki --help` and the command's own help.
pub fn about(path: &str) -> Option<&'static str> {
    Some(match path {
        "" => {
            "様式（政府の公募・申請の様式）の Word / Excel / PDF / テキストを読み、記入内容を取り出し、誤りを指摘し、新しい様式に移します"
        }
        "check" => "提出書類を確認します: 誤りごとに、どこにあり、何を書けばよいか",
        "extract" => "記入された欄の内容を取り出します（決まった項目名で）",
        "dump" => "読み取った文書の中身を場所付きで表示します（yoshiki が何を読んだか）",
        "fix" => "安全に直せる誤りを、書式を保ったままファイルの中で直します",
        "migrate" => "記入済みの古い様式の内容を、新しい様式に移します",
        "annotate" => "指摘をコメント（Word）・メモ（Excel）として付けた写しを作ります",
        "explain" => "規則コードが何を調べるか、なぜか、例を表示します",
        "forms" => {
            "様式定義を検証します（forms check DIR）、または使われている様式定義を一覧します"
        }
        "forms check" => "様式定義ファイルを検証し、その例を確かめます（問題があれば終了コード 2）",
        "forms list" => {
            "使われている様式定義（組み込み、--forms・[forms] の dirs）と、それぞれの出どころ"
        }
        "learn" => "公募の白紙の様式から様式定義を書き出します",
        "serve" => "この PC 上で、ブラウザで使う確認ページを開きます",
        _ => return None,
    })
}

/// The help of one argument of the command at `path`.
pub fn arg(path: &str, id: &str) -> Option<&'static str> {
    let common = match id {
        "help" => Some("この説明を表示します"),
        "version" => Some("版を表示します"),
        _ => None,
    };
    common.or_else(|| match path {
        "" => root(id),
        "check" => check(id),
        "extract" => match id {
            "paths" => Some("ファイルまたはフォルダ（フォルダは中の対応するファイルすべて）"),
            "format" => Some("出力形式: text（読みやすい形、既定）または json（SPEC の JSON）"),
            "as_of" => Some(
                "確認の日付（他のコマンドと同じく受け付けます。取り出す内容は日付で変わりません）",
            ),
            _ => None,
        },
        "dump" => match id {
            "paths" => Some("読むファイル"),
            "format" => Some("出力形式: text（既定）または json"),
            _ => None,
        },
        "fix" => fix(id),
        "migrate" => migrate(id),
        "annotate" => annotate(id),
        "explain" => match id {
            "code" => Some("規則コード（例: VER001）"),
            "all" => Some("すべての規則を順に表示します"),
            _ => None,
        },
        "forms check" => (id == "dirs").then_some("様式定義（*.toml）の入ったフォルダ"),
        "forms list" => (id == "config").then_some("この設定ファイルの [forms] の dirs を使います"),
        "learn" => match id {
            "templates" => Some("公募の白紙の様式（.docx、.xlsx、.xls、.txt …）"),
            "output" => Some("様式定義を書き出すフォルダ（なければ作ります）"),
            "force" => Some("既にある様式定義ファイルを置き換えます"),
            _ => None,
        },
        "serve" => serve(id),
        _ => None,
    })
}

fn root(id: &str) -> Option<&'static str> {
    Some(match id {
        "lang" => {
            "表示の言語: ja（日本語、既定）または en（英語）。環境変数 YOSHIKI_LANG=en でも英語になります"
        }
        "debug" => "内部エラーを詳しく表示します（RUST_BACKTRACE を設定すればバックトレースも）",
        "forms" => {
            "他の公募の様式定義: *.toml の入ったフォルダ（何度でも指定できます）。組み込みの定義に加わる、または置き換えます"
        }
        _ => return None,
    })
}

fn check(id: &str) -> Option<&'static str> {
    Some(match id {
        "paths" => "ファイル、フォルダ（フォルダごとに一つの提出書類一式）、または .zip",
        "format" => {
            "出力形式: human（読みやすい形、既定）、concise（指摘ごとに１行: パス:場所:コード 内容）、json、sarif"
        }
        "select" => {
            "この規則コード・接頭辞だけを確認します（カンマ区切り: SUM,XD001。ALL ですべて）"
        }
        "extend_select" => "選んだ規則に加えて、この規則コードも確認します",
        "ignore" => "この規則コード・接頭辞は確認しません",
        "each" => {
            "ここに挙げたファイルを一つずつ別々に確認します（既定では、一緒に挙げたファイルを一つの提出書類一式として確認します）"
        }
        "statistics" => "指摘の代わりに、規則コードごとの指摘の数を表示します",
        "show_config" => {
            "使われる設定（設定ファイルまたは既定、公募、規則、様式定義）を表示して終わります"
        }
        "as_of" => {
            "この日付の時点で確認します（2026-12-04、令和８年１２月４日、R8.12.4）。古い版・名称や未来の日付の判断に使います。既定: 今日"
        }
        "config" => "ファイルの横にある yoshiki.toml の代わりに、この設定ファイルを使います",
        "show_personal_data" => "抜粋の個人情報（氏名・生年月日）を ●●● にせず、そのまま表示します",
        "report" => {
            "一覧の報告書も書き出します: 提出書類一式ごとに１行とすべての指摘を、Excel ブック（.xlsx）、CSV（.csv と、その横の NAME_findings.csv）、または HTML（.html）で"
        }
        "force" => "既にある --report のファイルを置き換えます",
        "quiet" => "進み具合や注意を表示しません。human 出力では指摘のあるファイルだけを表示します",
        "template" => {
            "公募の白紙の様式（何度でも指定できます）: 様式にもともとある内容（リンク、コメント、隠し文字、古い版の条文）は、様式側のもの（info）として分けて示します"
        }
        _ => return None,
    })
}

fn fix(id: &str) -> Option<&'static str> {
    Some(match id {
        "files" => "直すファイル（.docx、.xlsx、.txt …）またはフォルダ",
        "dry_run" => "何が変わるか（前後と場所）を表示するだけで、何も変えません",
        "output" => {
            "元のファイルを置き換えず、直したファイルをここに書き出します（入力が１ファイルのときだけ）"
        }
        "force" => {
            "既にある --output のファイルを置き換えます。読み取り専用のファイルも書き換えます"
        }
        "as_of" => "この日付の時点で確認します（2026-12-04、令和８年１２月４日）。既定: 今日",
        "config" => "ファイルの横にある yoshiki.toml の代わりに、この設定ファイルを使います",
        _ => return None,
    })
}

fn migrate(id: &str) -> Option<&'static str> {
    Some(match id {
        "old" => "古い様式で書かれた報告書（.docx、.xlsx、.txt …）",
        "output" => "書き出す新しい報告書（.docx。--to のときは新しい様式と同じ形式）",
        "force" => "既にある出力ファイルを上書きします",
        "to" => {
            "今年度の白紙の様式（.docx / .xlsx）: 記入済みの様式の内容をここに移します（どの様式でも）"
        }
        "from" => {
            "記入済みの様式のもとの白紙の様式（昨年度のもの）。ないときは記入済みのファイルから場所を読み取ります"
        }
        "map" => {
            "旧ラベルから新ラベルへの対応表（TOML: [map] の下に \"旧ラベル\" = \"新ラベル\"。新ラベルが空なら移しません）"
        }
        "format" => "--to のときのまとめの出力形式: human（既定）または json",
        _ => return None,
    })
}

fn annotate(id: &str) -> Option<&'static str> {
    Some(match id {
        "file" => "提出書類（.docx、.xlsx …）",
        "output" => "指摘を付けた写しの書き出し先",
        "force" => "OUT が既にあれば上書きします",
        "as_of" => "この日付の時点で確認します（2026-12-04、令和８年１２月４日）。既定: 今日",
        "config" => "ファイルの横にある yoshiki.toml の代わりに、この設定ファイルを使います",
        "alone" => {
            "FILE だけを確認します（既定では同じフォルダの他のファイルと一緒に一式として確認し、書類間の指摘も付けます）"
        }
        _ => return None,
    })
}

fn serve(id: &str) -> Option<&'static str> {
    Some(match id {
        "host" => "待ち受けるアドレス（127.0.0.1: この PC からだけ。既定）",
        "port" => "ポート番号（0 なら空いている番号。既定: 8737）",
        "open" => "既定のブラウザでページを開きます",
        "token" => {
            "すべての要求にこの合言葉を求めます（127.0.0.1 以外で待ち受けるときは必須で、指定がなければ作ります）"
        }
        "max_upload_mb" => "一度に受け付ける大きさの上限（MB、既定: 200）",
        "config" => "この設定ファイル（公募名、上限額、規則の重さ）をすべての確認に使います",
        "as_of" => "この日付の時点で確認します（2026-12-04、令和８年１２月４日）。既定: 今日",
        _ => return None,
    })
}
