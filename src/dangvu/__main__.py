from dangvu.cli import main

main()
