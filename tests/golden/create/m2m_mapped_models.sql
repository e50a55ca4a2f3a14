-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "zoos" (
    "zoo_id" TEXT NOT NULL,

    CONSTRAINT "zoos_pkey" PRIMARY KEY ("zoo_id")
);

-- CreateTable
CREATE TABLE "animals" (
    "id" BIGSERIAL NOT NULL,

    CONSTRAINT "animals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Keeper" (
    "id" SMALLINT NOT NULL,

    CONSTRAINT "Keeper_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_AnimalToZoo" (
    "A" BIGINT NOT NULL,
    "B" TEXT NOT NULL,

    CONSTRAINT "_AnimalToZoo_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_Staff" (
    "A" SMALLINT NOT NULL,
    "B" TEXT NOT NULL,

    CONSTRAINT "_Staff_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE INDEX "_AnimalToZoo_B_index" ON "_AnimalToZoo"("B");

-- CreateIndex
CREATE INDEX "_Staff_B_index" ON "_Staff"("B");

-- AddForeignKey
ALTER TABLE "_AnimalToZoo" ADD CONSTRAINT "_AnimalToZoo_A_fkey" FOREIGN KEY ("A") REFERENCES "animals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_AnimalToZoo" ADD CONSTRAINT "_AnimalToZoo_B_fkey" FOREIGN KEY ("B") REFERENCES "zoos"("zoo_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_Staff" ADD CONSTRAINT "_Staff_A_fkey" FOREIGN KEY ("A") REFERENCES "Keeper"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_Staff" ADD CONSTRAINT "_Staff_B_fkey" FOREIGN KEY ("B") REFERENCES "zoos"("zoo_id") ON DELETE CASCADE ON UPDATE CASCADE;
