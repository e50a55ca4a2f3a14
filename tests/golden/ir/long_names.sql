-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaézz" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Taaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ubbbbbbbbbbbbbbbbbbbb" (
    "id" INTEGER NOT NULL,
    "ccccccccccccccccccccccccccccccccccccc" INTEGER NOT NULL,
    "ccccccccccccccccccccccccccccccccccccédd" INTEGER NOT NULL,

    CONSTRAINT "Ubbbbbbbbbbbbbbbbbbbb_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Parent" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Parent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Fbbbbbbbbbbbbbbbbbbbb" (
    "id" INTEGER NOT NULL,
    "dddddddddddddddddddddddddddddddddddddd" INTEGER NOT NULL,

    CONSTRAINT "Fbbbbbbbbbbbbbbbbbbbb_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Aa" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Aa_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_RRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRéxxxx" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_RRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRé_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "Ubbbbbbbbbbbbbbbbbbbb_ccccccccccccccccccccccccccccccccccccc_key" ON "Ubbbbbbbbbbbbbbbbbbbb"("ccccccccccccccccccccccccccccccccccccc");

-- CreateIndex
CREATE INDEX "Ubbbbbbbbbbbbbbbbbbbb_cccccccccccccccccccccccccccccccccccc_idx" ON "Ubbbbbbbbbbbbbbbbbbbb"("ccccccccccccccccccccccccccccccccccccédd");

-- CreateIndex
CREATE UNIQUE INDEX "Ubbbbbbbbbbbbbbbbbbbb_cccccccccccccccccccccccccccccccccccc_key" ON "Ubbbbbbbbbbbbbbbbbbbb"("ccccccccccccccccccccccccccccccccccccédd");

-- CreateIndex
CREATE INDEX "_RRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRé_B_index" ON "_RRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRéxxxx"("B");

-- AddForeignKey
ALTER TABLE "Ubbbbbbbbbbbbbbbbbbbb" ADD CONSTRAINT "Ubbbbbbbbbbbbbbbbbbbb_cccccccccccccccccccccccccccccccccccc_fkey" FOREIGN KEY ("ccccccccccccccccccccccccccccccccccccc") REFERENCES "Parent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Fbbbbbbbbbbbbbbbbbbbb" ADD CONSTRAINT "Fbbbbbbbbbbbbbbbbbbbb_dddddddddddddddddddddddddddddddddddd_fkey" FOREIGN KEY ("dddddddddddddddddddddddddddddddddddddd") REFERENCES "Parent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_RRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRéxxxx" ADD CONSTRAINT "_RRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRé_A_fkey" FOREIGN KEY ("A") REFERENCES "Aa"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_RRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRéxxxx" ADD CONSTRAINT "_RRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRé_B_fkey" FOREIGN KEY ("B") REFERENCES "Parent"("id") ON DELETE CASCADE ON UPDATE CASCADE;
