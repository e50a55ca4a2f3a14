-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Country" (
    "id" INTEGER NOT NULL,
    "iso" CHAR(2) NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Country_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Region" (
    "countryIso" CHAR(2) NOT NULL,
    "code" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "City" (
    "id" INTEGER NOT NULL,
    "countryId" INTEGER,
    "regionIso" CHAR(2) NOT NULL,
    "regionCode" TEXT NOT NULL,

    CONSTRAINT "City_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Country_iso_key" ON "Country"("iso");

-- CreateIndex
CREATE UNIQUE INDEX "Region_countryIso_code_key" ON "Region"("countryIso", "code");

-- AddForeignKey
ALTER TABLE "Region" ADD CONSTRAINT "Region_countryIso_fkey" FOREIGN KEY ("countryIso") REFERENCES "Country"("iso") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "City" ADD CONSTRAINT "City_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "City" ADD CONSTRAINT "City_regionIso_regionCode_fkey" FOREIGN KEY ("regionIso", "regionCode") REFERENCES "Region"("countryIso", "code") ON DELETE RESTRICT ON UPDATE CASCADE;
