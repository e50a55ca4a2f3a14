-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Zed" (
    "id" INTEGER NOT NULL,
    "b" INTEGER NOT NULL,
    "q" INTEGER NOT NULL,

    CONSTRAINT "Zed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alpha" (
    "id" INTEGER NOT NULL,
    "a" INTEGER NOT NULL,

    CONSTRAINT "Alpha_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_zeta" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_zeta_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_Beta" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_Beta_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_alpha" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_alpha_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "Zed_b_key" ON "Zed"("b");

-- CreateIndex
CREATE INDEX "Zed_q_idx" ON "Zed"("q");

-- CreateIndex
CREATE UNIQUE INDEX "Zed_q_b_key" ON "Zed"("q", "b");

-- CreateIndex
CREATE UNIQUE INDEX "Alpha_a_key" ON "Alpha"("a");

-- CreateIndex
CREATE INDEX "_zeta_B_index" ON "_zeta"("B");

-- CreateIndex
CREATE INDEX "_Beta_B_index" ON "_Beta"("B");

-- CreateIndex
CREATE INDEX "_alpha_B_index" ON "_alpha"("B");

-- AddForeignKey
ALTER TABLE "_zeta" ADD CONSTRAINT "_zeta_A_fkey" FOREIGN KEY ("A") REFERENCES "Alpha"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_zeta" ADD CONSTRAINT "_zeta_B_fkey" FOREIGN KEY ("B") REFERENCES "Zed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_Beta" ADD CONSTRAINT "_Beta_A_fkey" FOREIGN KEY ("A") REFERENCES "Alpha"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_Beta" ADD CONSTRAINT "_Beta_B_fkey" FOREIGN KEY ("B") REFERENCES "Zed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_alpha" ADD CONSTRAINT "_alpha_A_fkey" FOREIGN KEY ("A") REFERENCES "Alpha"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_alpha" ADD CONSTRAINT "_alpha_B_fkey" FOREIGN KEY ("B") REFERENCES "Zed"("id") ON DELETE CASCADE ON UPDATE CASCADE;
