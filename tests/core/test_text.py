from hypothesis import given
from hypothesis import strategies as st

from dangvu.core.text import fold, sort_key


def test_fold_drops_tones_and_d_stroke():
    assert fold("Nguyễn Văn Đức") == "nguyen van duc"
    assert fold("  ĐẶNG   thị  Ánh ") == "dang thi anh"


@given(st.text())
def test_fold_is_idempotent_ascii_lowercase(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == folded.lower()
    assert "đ" not in folded and "Đ" not in folded
    assert "  " not in folded


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậếềểễệ AĂÂĐÊÔƠƯ"))
def test_fold_of_vietnamese_is_plain_ascii(text):
    assert fold(text).isascii()


def test_sort_key_orders_by_given_name_in_vietnamese_alphabet():
    names = ["Trần Văn Đông", "Nguyễn Văn Dũng", "Lê Thị Ơn", "Phạm Văn Ổn", "Vũ Văn Zô", "Bùi An"]
    ordered = sorted(names, key=sort_key)
    # An < Dũng < Đông (đ after d) < Ổn (ô after o) < Ơn (ơ after ô); Zô has no z in Vietnamese
    assert ordered[:5] == ["Bùi An", "Nguyễn Văn Dũng", "Trần Văn Đông", "Phạm Văn Ổn", "Lê Thị Ơn"]


def test_sort_key_puts_a_shorter_given_name_first():
    assert sorted(["Nguyễn Văn Anh", "Nguyễn Văn An", "Lê Thị Ân"], key=sort_key) == [
        "Nguyễn Văn An",
        "Nguyễn Văn Anh",
        "Lê Thị Ân",  # a < ă < â letter by letter
    ]
