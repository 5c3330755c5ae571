import ZhibiaoCLI

Zhibiao.main()
