"""Posts on sentences written for these tests (not corpus text): the forms GUIDELINES.md names."""
from __future__ import annotations

import pytest

from ingest.extract import extract_article
from kg.model import Article, PostStatus


def posts(text: str, date: str | None = None) -> dict[str, list[str]]:
    x = extract_article(Article(id="t", text=text, date=date))
    return {p.name: [pos.text for pos in p.positions] for p in x.persons}


def positions(text: str, date: str | None = None):
    x = extract_article(Article(id="t", text=text, date=date))
    return {p.name: p.positions for p in x.persons}


@pytest.mark.parametrize("text, name, expected", [
    ("Dự có đồng chí Trần Văn Nam, UVTV Tỉnh ủy, Phó Chủ tịch UBND tỉnh.", "Trần Văn Nam",
     ["Ủy viên Ban Thường vụ Tỉnh ủy", "Phó Chủ tịch Ủy ban nhân dân tỉnh"]),
    ("Bí thư Tỉnh ủy Quảng Ninh Nguyễn Văn Đạt phát biểu.", "Nguyễn Văn Đạt", ["Bí thư Tỉnh ủy Quảng Ninh"]),
    ("Bộ trưởng, Chủ nhiệm VPCP Lê Minh Khoa cho biết.", "Lê Minh Khoa",
     ["Bộ trưởng", "Chủ nhiệm Văn phòng Chính phủ"]),
    ("ông Phạm Quốc Khánh (Giám đốc Sở Công Thương) trả lời.", "Phạm Quốc Khánh", ["Giám đốc Sở Công Thương"]),
    ("Ông Hồ Văn Lợi, nguyên Phó Chủ tịch HĐND huyện Ninh Sơn, đã nghỉ hưu.", "Hồ Văn Lợi",
     ["nguyên Phó Chủ tịch Hội đồng nhân dân huyện Ninh Sơn"]),
    ("Bà Đặng Thị Lan, Bí thư Tỉnh ủy kiêm Chủ tịch HĐND tỉnh, dự họp.", "Đặng Thị Lan",
     ["Bí thư Tỉnh ủy", "Chủ tịch Hội đồng nhân dân tỉnh"]),
    ("Hội nghị bầu ông Vũ Văn Hòa giữ chức Chủ tịch UBND tỉnh.", "Vũ Văn Hòa", ["Chủ tịch Ủy ban nhân dân tỉnh"]),
    ("Ông Lý Văn Sơn thôi giữ chức Giám đốc Sở Y tế để nhận nhiệm vụ mới.", "Lý Văn Sơn",
     ["nguyên Giám đốc Sở Y tế"]),
    ("Ông Đỗ Văn Tài được bầu vào Ban Thường vụ Tỉnh ủy khóa XV.", "Đỗ Văn Tài",
     ["Ủy viên Ban Thường vụ Tỉnh ủy khóa XV"]),
    ("Ông Phan Văn Lộc, Phó Chủ tịch Hội đồng quản trị kiêm Tổng Giám đốc Công ty Điện lực Miền Trung, phát biểu.",
     "Phan Văn Lộc", ["Phó Chủ tịch Hội đồng quản trị Công ty Điện lực Miền Trung", "Tổng Giám đốc Công ty Điện lực Miền Trung"]),
    ("Tới dự có các nguyên Chủ tịch nước: Trương Văn A, Lê Văn B.", "Lê Văn B", ["nguyên Chủ tịch nước"]),
    # a numbered list whose line breaks were lost: the next number is not part of the post
    ("Danh sách:\n1. Hoàng Văn An, Thứ trưởng Bộ Tư pháp2. Lê Thị Bân, Bí thư Tỉnh ủy Tây Ninh3. Vũ Văn Cao, Bí thư Tỉnh ủy",
     "Lê Thị Bân", ["Bí thư Tỉnh ủy Tây Ninh"]),
    ("Dự có ông Lê Văn Hải, Thiếu tướng, Thứ trưởng Bộ Công an.", "Lê Văn Hải", ["Thứ trưởng Bộ Công an"]),
    ("Phó Chủ tịch Thường trực UBND tỉnh ông Đặng Văn Dũng cho biết.", "Đặng Văn Dũng",
     ["Phó Chủ tịch Thường trực Ủy ban nhân dân tỉnh"]),
    # a caption run on: the capital "Ông" starts a new sentence, the post is the one before it
    ("Ông Trần Văn Thăng làm Phó Trưởng ban Kinh tế Trung ương Ông Phạm Văn Chính công bố quyết định.",
     "Phạm Văn Chính", []),
    ("Theo quyết định của Ban Thường vụ Thành ủy ông Lê Văn Trung, Bí thư Quận ủy, được điều động.", "Lê Văn Trung",
     ["Bí thư Quận ủy"]),
    ("Đoàn đại biểu Quốc hội do bà Tôn Nữ Thị Hoa dẫn đầu làm việc với Bộ Ngoại giao.", "Tôn Nữ Thị Hoa", []),
    # a title read inside a body's name before a chain of posts is not a post
    ("Theo quyết định của Ban Thường vụ Thành ủy, Trưởng ban Tuyên giáo Thành ủy Nguyễn Văn Quang thôi giữ chức.",
     "Nguyễn Văn Quang", ["Trưởng ban Tuyên giáo Thành ủy"]),
    ("Thay mặt đoàn đại biểu Quốc hội TP. Hải Phòng, Thủ tướng Nguyễn Văn Phúc tiếp thu ý kiến cử tri.",
     "Nguyễn Văn Phúc", ["Thủ tướng"]),
    # a field that takes a lower-case complement; a complete name is followed by a verb
    ("Ông Lê Văn Quân, nguyên Phó Hiệu trưởng Trường ĐH Khoa học tự nhiên, phát biểu.", "Lê Văn Quân",
     ["nguyên Phó Hiệu trưởng Trường ĐH Khoa học tự nhiên"]),
    ("Ông Phạm Văn Lộc, Vụ trưởng Vụ Tổ chức cán bộ, đọc quyết định.", "Phạm Văn Lộc", ["Vụ trưởng Vụ Tổ chức cán bộ"]),
    ("Trưởng Ban Tổ chức Trung ương Trần Văn Hoan đọc tờ trình.", "Trần Văn Hoan", ["Trưởng Ban Tổ chức Trung ương"]),
    # a membership list in one line ends with it; the term ends the body before "tái cử"
    ("6 ủy viên Bộ Chính trị khóa IX tái cử gồm: Tổng Bí thư Nông Văn Mạnh, Bộ trưởng Công an Lê Văn Anh đều "
     "trúng cử.\nÔng Hoàng Văn Tuấn, Thứ trưởng Bộ Tư pháp, phát biểu.", "Lê Văn Anh",
     ["Bộ trưởng Công an", "Ủy viên Bộ Chính trị khóa IX"]),
    ("6 ủy viên Bộ Chính trị khóa IX tái cử gồm: Tổng Bí thư Nông Văn Mạnh, Bộ trưởng Công an Lê Văn Anh đều "
     "trúng cử.\nÔng Hoàng Văn Tuấn, Thứ trưởng Bộ Tư pháp, phát biểu.", "Hoàng Văn Tuấn", ["Thứ trưởng Bộ Tư pháp"]),
    ("Đồng chí Trần Văn Hải, Ủy viên Bộ Chính trị, Bí thư Thành ủy có bài viết với nhan đề: “Người con ưu tú”.\n"
     "Đồng chí Phan Văn Tuệ sinh năm 1917 tại Hà Nội.", "Phan Văn Tuệ", []),
])
def test_post_forms(text, name, expected):
    assert posts(text)[name] == expected


def test_ranks_and_occasion_roles_are_not_posts():
    found = posts("Đoàn kiểm tra do Thượng tá Nguyễn Văn Hùng làm Trưởng đoàn đã làm việc tại xã.")
    assert found.get("Nguyễn Văn Hùng", []) == []


def test_appointment_date_and_departure_date_are_kept():
    got = positions("Ngày 3/8, UBND tỉnh bổ nhiệm ông Bùi Văn Cường giữ chức Giám đốc Sở Tài chính từ ngày 15/8/2024.")
    (post,) = got["Bùi Văn Cường"]
    assert (post.status, post.since) == (PostStatus.started, "2024-08-15")
    got = positions("Ngày 3/8, ông Bùi Văn Cường thôi giữ chức Giám đốc Sở Tài chính.", date="2024-08-04")
    (post,) = got["Bùi Văn Cường"]
    assert (post.status, post.until, post.text) == (PostStatus.former, "2024-08-03", "nguyên Giám đốc Sở Tài chính")


def test_title_prefix_and_tone_spelling_give_one_person():
    x = extract_article(Article(id="t", text="Chủ tịch UBND tỉnh Nguyễn Văn Thủy phát biểu. Ông Nguyễn Văn Thuỷ nhấn mạnh."))
    assert [p.name for p in x.persons] == ["Nguyễn Văn Thủy"]


def test_a_post_resolves_its_place_by_the_article_date():
    text = "Chủ tịch UBND huyện Ninh Sơn Trần Quốc Nam làm việc với UBND tỉnh Ninh Thuận."
    (post,) = positions(text, date="2023-05-01")["Trần Quốc Nam"]
    assert post.jurisdiction == "huyện Ninh Sơn"
    assert post.place.level == "district" and post.place.province_name == "Tỉnh Ninh Thuận"
    assert post.place.successor_name == "Tỉnh Khánh Hòa"


@pytest.mark.parametrize("text, name, expected", [
    ("Chủ tịch UBND tỉnh Chu Văn Quang chủ trì hội nghị.", "Chu Văn Quang", ["Chủ tịch Ủy ban nhân dân tỉnh"]),
    ("Ông Đoàn Quang Tuấn đã được bầu giữ chức Chủ tịch UBND tỉnh.", "Đoàn Quang Tuấn",
     ["Chủ tịch Ủy ban nhân dân tỉnh"]),
    ("Ông Lê Văn An, Giám đốc Sở Văn hóa, Thể thao và Du lịch, phát biểu.", "Lê Văn An",
     ["Giám đốc Sở Văn hóa, Thể thao và Du lịch"]),
])
def test_forms_the_synthetic_corpus_found(text, name, expected):
    assert posts(text)[name] == expected


def test_a_name_inside_a_doctrine_is_not_a_person():
    assert "Hồ Chí Minh" not in posts("Học tập phong cách Hồ Chí Minh dưới sự chủ trì của ông Trần Văn Bình.")


def test_a_lunar_year_and_an_ocean_are_not_people():
    found = posts("Bước sang năm mới Đinh Dậu, đồng chí Uông Văn Lưu, Bộ trưởng Bộ Tư pháp, dự hội nghị Châu Á - "
                  "Thái Bình Dương. Năm Giáp Thìn, ông Điểu Văn Kré làm Bí thư Tỉnh ủy.")
    assert found == {"Uông Văn Lưu": ["Bộ trưởng Bộ Tư pháp"], "Điểu Văn Kré": ["Bí thư Tỉnh ủy"]}


def test_a_district_named_bare_is_a_place_and_with_an_honorific_a_person():
    found = posts("Nước biển tràn qua các huyện ven biển như Tiền Hải, Thái Thụy gây úng ngập. "
                  "Ông Hoàng Sa, Chủ tịch UBND xã Lộc Điền, cho biết đã di dời 300 hộ.")
    assert found == {"Hoàng Sa": ["Chủ tịch Ủy ban nhân dân xã Lộc Điền"]}


@pytest.mark.parametrize("text", [
    "Đề cập đến quỹ đất, ông Bùi Văn Hùng, Chủ tịch HĐQT Công ty cổ phần Licogi 16 nêu vướng mắc.",
    "Có mặt Phó Chủ tịch Tổng LĐLĐ Việt Nam Trần Văn Lâm và các đại biểu.",
])
def test_a_company_board_or_federation_abbreviation_is_not_a_name(text):
    found = posts(text)
    assert len(found) == 1 and not any("HĐQT" in name or "LĐLĐ" in name for name in found), found


def test_given_names_on_second_mention_are_the_same_person():
    found = posts("Theo ông Hoàng Tuấn Anh, Chủ tịch UBND TP Đà Nẵng, thu ngân sách tăng. Ông Tuấn Anh nói thêm "
                  "về dự án. Bà Thái Ly và ông Nguyễn Đình Thái Ly cùng dự.")
    assert found == {"Hoàng Tuấn Anh": ["Chủ tịch Ủy ban nhân dân Thành phố Đà Nẵng"], "Thái Ly": [],
                     "Nguyễn Đình Thái Ly": []}


def test_a_given_name_that_often_starts_a_sentence_after_a_middle_name():
    found = posts("Ông Trần Văn Hiện, Trưởng ban Tuyên giáo Tỉnh ủy Cà Mau, phát biểu. Hiện nay tỉnh có 9 huyện.")
    assert found == {"Trần Văn Hiện": ["Trưởng ban Tuyên giáo Tỉnh ủy Cà Mau"]}


def test_a_group_name_cut_at_its_word_limit_does_not_end_in_a_function_word():
    x = extract_article(Article(id="t", date="2017-06-06", text="Sáng 5/6, Thứ trưởng Nguyễn Văn Sơn dẫn đầu đoàn công "
                                "tác của Bộ Công an đến thăm và làm việc tại tỉnh Hà Giang."))
    assert [p.led for e in x.events for p in e.participants] == ["đoàn công tác của Bộ Công an đến thăm"]


def test_a_ministers_post_with_and_without_the_ministrys_head_word_is_one_post():
    found = posts("Bộ trưởng Bộ Y tế Nguyễn Văn Long cho biết như vậy. Bộ trưởng Y tế Nguyễn Văn Long lưu ý thêm.")
    assert found == {"Nguyễn Văn Long": ["Bộ trưởng Bộ Y tế"]}


def test_an_event_said_not_to_have_taken_place_has_no_date():
    x = extract_article(Article(id="t", date="2017-04-23", text=(
        "Chiều 20-4, ông Nguyễn Văn Chung, Chủ tịch UBND huyện có mặt tại xã để đối thoại với người dân. Tuy nhiên, "
        "cuộc đối thoại đã không diễn ra do người dân không đến. Ngày 22-4, ông Nguyễn Văn Chung về thôn để đối "
        "thoại với người dân lần thứ hai.")))
    assert sorted(e.date for e in x.events if e.date) == ["2017-04-22"]
